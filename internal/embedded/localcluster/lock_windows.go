package localcluster

import (
	"errors"
	"os"
)

// tryLock fails: the embedded cluster (its watchdog and process wrappers are shell scripts) runs only on Unix.
func tryLock(*os.File) (bool, error) { return false, errors.ErrUnsupported }
