package automation

import "time"

// SetTokenCheckRetry shortens the token check's attempts for a test; the returned function restores them.
func SetTokenCheckRetry(attempts int, timeout, pause time.Duration) (restore func()) {
	saved := tokenCheckRetry
	tokenCheckRetry = retryPolicy{attempts: attempts, timeout: timeout, pause: pause}
	return func() { tokenCheckRetry = saved }
}
