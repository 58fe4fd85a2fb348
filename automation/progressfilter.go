package automation

import (
	"bytes"
	"io"
)

// destroyHints are the lines `pulumi destroy` ends with when the stack is kept; keg's destroy removes the stack, so
// they would tell the user to run a command that is not needed (and a CLI they may not have).
var destroyHints = []string{
	"The resources in the stack have been deleted, but the history and configuration associated with the stack",
	"If you want to remove the stack completely, run `pulumi stack rm",
}

// lineFilter passes what it is written to w, except the lines that start with one of drop. Only the start of a
// line that could still become a dropped line is held back, so progress written without a newline shows at once.
type lineFilter struct {
	w    io.Writer
	drop []string
	held []byte // the current line so far, while it is a prefix of a dropped line
	mode lineMode
}

type lineMode int

const (
	lineStart lineMode = iota // deciding: held may still become a dropped line
	linePass                  // the line is passed on
	lineDrop                  // the line is dropped
)

func (f *lineFilter) Write(p []byte) (int, error) {
	var out bytes.Buffer
	for _, b := range p {
		switch f.mode {
		case linePass:
			out.WriteByte(b)
		case lineStart:
			f.held = append(f.held, b)
			f.mode = f.decide()
			switch f.mode {
			case linePass:
				out.Write(f.held)
				f.held = f.held[:0]
			case lineDrop:
				f.held = f.held[:0]
			}
		}
		if b == '\n' {
			f.mode = lineStart
		}
	}
	if _, err := f.w.Write(out.Bytes()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// decide says what becomes of the held start of a line.
func (f *lineFilter) decide() lineMode {
	for _, d := range f.drop {
		switch {
		case bytes.HasPrefix(f.held, []byte(d)):
			return lineDrop
		case bytes.HasPrefix([]byte(d), f.held):
			return lineStart
		}
	}
	return linePass
}
