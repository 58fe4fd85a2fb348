package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// interrupts turns Ctrl-C and SIGTERM into keg's two-step stop: the first cancels ctx, so a running operation
// lets the steps in flight finish and saves them (a prompt answers no); the second closes force, which kills the
// Pulumi CLI and its plugins at once.
type interrupts struct {
	ctx   context.Context
	force chan struct{}
	out   *output
	stop  func()
}

// listen starts handling the signals until stop.
func listen(out *output) *interrupts {
	ctx, cancel := context.WithCancel(context.Background())
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	sig := &interrupts{ctx: ctx, force: make(chan struct{}), out: out}
	sig.stop = func() {
		signal.Stop(signals)
		close(done)
		cancel()
	}
	go func() {
		select {
		case <-signals:
		case <-done:
			return
		}
		out.interrupting()
		cancel()
		select {
		case <-signals:
		case <-done:
			return
		}
		out.forcing()
		close(sig.force)
	}()
	return sig
}
