// Command konnect-emulator serves the in-memory Konnect Event Gateway API emulator on 127.0.0.1 until interrupted.
//
//	konnect-emulator -port 8080 [-token kpat_...]
//
// It prints the base URL and the token to give a Konnect client.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
)

func main() {
	port := flag.Int("port", 0, "port to listen on, on 127.0.0.1 (0: any free port)")
	token := flag.String("token", konnectemu.DefaultToken, "personal access token to accept")
	flag.Parse()

	emu, err := konnectemu.New(konnectemu.WithAddr("127.0.0.1:"+strconv.Itoa(*port)), konnectemu.WithToken(*token))
	if err != nil {
		log.Fatal(err)
	}
	defer emu.Close()
	fmt.Printf("KONNECT_URL=%s\nKONNECT_TOKEN=%s\n", emu.URL(), emu.Token())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}
