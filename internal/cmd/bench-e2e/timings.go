package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// timings are the measured durations of each operation by tool.
type timings map[op]map[string][]time.Duration

func (t timings) add(o op, tool string, d time.Duration) {
	if t[o] == nil {
		t[o] = map[string][]time.Duration{}
	}
	t[o][tool] = append(t[o][tool], d)
}

// median is the middle duration of o by tool, 0 when it was not measured.
func (t timings) median(o op, tool string) time.Duration {
	ds := slices.Clone(t[o][tool])
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// table prints the medians of N virtual clusters (objects Kubernetes objects) as a Markdown table with keg's ratio
// to raw Pulumi.
func (t timings) table(n, objects, reps int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nSniGateway, N=%d (%d objects), median of %d\n\n", n, objects, reps)
	b.WriteString("| operation | keg | raw Pulumi | kubectl | keg / raw |\n|---|---|---|---|---|\n")
	for _, o := range ops {
		keg, raw, kubectl := t.median(o, "keg"), t.median(o, "raw Pulumi"), t.median(o, "kubectl")
		ratio := "—"
		if raw > 0 {
			ratio = fmt.Sprintf("%.2f×", keg.Seconds()/raw.Seconds())
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", o, seconds(keg), seconds(raw), seconds(kubectl), ratio)
	}
	return b.String()
}

// seconds shows d in seconds, or a dash when it was not measured.
func seconds(d time.Duration) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
