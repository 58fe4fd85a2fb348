package localcluster

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// runDir is the directory, under the cluster's own, of everything a run writes and the next start removes: the
// certificates and keys of etcd and kube-apiserver, the process wrappers, the processes' temporary files and, when
// Options.EtcdDataDir is empty, etcd's data.
const runDir = "run"

// startControlPlane starts etcd, which serves clients and peers only over TLS with client-certificate auth, and
// kube-apiserver bound to 127.0.0.1, each with childEnv as its whole environment, and returns the admin user.
// envtest's Environment is not used: it writes a webhook CA into the system temporary directory.
func (c *Cluster) startControlPlane(binDir, etcdDataDir string) (*envtest.AuthenticatedUser, error) {
	pkiDir, certDir, wrapDir := filepath.Join(c.run, "pki"), filepath.Join(c.run, "apiserver"), filepath.Join(c.run, "bin")
	for _, dir := range []string{pkiDir, certDir, wrapDir, etcdDataDir} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create the control plane's directories: %w", err)
		}
	}
	pki, err := writeEtcdPKI(pkiDir)
	if err != nil {
		return nil, err
	}
	etcdPath, err := c.wrap(wrapDir, filepath.Join(binDir, "etcd"))
	if err != nil {
		return nil, err
	}
	apiserverPath, err := c.wrap(wrapDir, filepath.Join(binDir, "kube-apiserver"))
	if err != nil {
		return nil, err
	}
	// A port picked free can be taken by another process before etcd or kube-apiserver binds it (test packages
	// start clusters side by side); the process then exits at once, and the next attempt picks other ports.
	for attempt := 1; ; attempt++ {
		err := c.startProcesses(etcdPath, apiserverPath, etcdDataDir, certDir, pki)
		if err == nil {
			break
		}
		if c.cp != nil {
			_ = c.cp.Stop()
		}
		if attempt == startAttempts {
			return nil, fmt.Errorf("start etcd and kube-apiserver: %w", err)
		}
	}
	admin, err := c.cp.AddUser(envtest.User{Name: "admin", Groups: []string{"system:masters"}}, &rest.Config{QPS: 1000, Burst: 2000})
	if err != nil {
		return nil, fmt.Errorf("provision the admin user: %w", err)
	}
	return admin, nil
}

// startAttempts is how many times startControlPlane picks ports and starts the processes.
const startAttempts = 3

// pickPorts picks n ports that are free now.
var pickPorts = freePorts

// startProcesses starts etcd and kube-apiserver on newly picked ports.
func (c *Cluster) startProcesses(etcdPath, apiserverPath, etcdDataDir, certDir string, pki etcdPKI) error {
	ports, err := pickPorts(3)
	if err != nil {
		return err
	}
	clientURL := "https://127.0.0.1:" + ports[0]
	// envtest health-checks etcd at URL/health and hands URL to kube-apiserver (overridden below): URL is the
	// metrics listener, the only one answering without a client certificate, and it serves no keys.
	metricsURL := "http://127.0.0.1:" + ports[2]
	healthURL, err := url.Parse(metricsURL)
	if err != nil {
		return fmt.Errorf("etcd metrics URL: %w", err)
	}
	c.cp = &envtest.ControlPlane{
		Etcd:      &envtest.Etcd{Path: etcdPath, DataDir: etcdDataDir, URL: healthURL},
		APIServer: &envtest.APIServer{Path: apiserverPath, CertDir: certDir},
	}
	c.cp.Etcd.Configure().
		Set("listen-client-urls", clientURL).Set("advertise-client-urls", clientURL).
		Set("listen-peer-urls", "https://127.0.0.1:"+ports[1]).Set("listen-metrics-urls", metricsURL).
		Set("client-cert-auth", "true").Set("trusted-ca-file", pki.ca).
		Set("cert-file", pki.serverCert).Set("key-file", pki.serverKey).
		Set("peer-client-cert-auth", "true").Set("peer-trusted-ca-file", pki.ca).
		Set("peer-cert-file", pki.serverCert).Set("peer-key-file", pki.serverKey)
	c.cp.APIServer.Configure().
		Set("bind-address", "127.0.0.1").Set("advertise-address", "127.0.0.1").
		Set("etcd-servers", clientURL).Set("etcd-cafile", pki.ca).
		Set("etcd-certfile", pki.clientCert).Set("etcd-keyfile", pki.clientKey)
	return c.cp.Start()
}

// childEnv is the whole environment of the control-plane processes: PATH, HOME and TMPDIR=tmp, so no secret of
// this process (a Konnect token, a passphrase) reaches them.
func childEnv(tmp string) []string {
	env := []string{"TMPDIR=" + tmp}
	for _, name := range []string{"PATH", "HOME"} {
		if v, ok := os.LookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	return env
}

// wrap writes into dir a script of bin's name that records its pid in the run directory and runs bin with childEnv
// as its whole environment: envtest starts etcd and kube-apiserver with this process's environment and offers no
// way to change it.
func (c *Cluster) wrap(dir, bin string) (string, error) {
	var script strings.Builder
	script.WriteString("#!/bin/sh\necho $$ > " + shellQuote(filepath.Join(c.run, pidsDir, filepath.Base(bin))) +
		"\nexec /usr/bin/env -i")
	for _, word := range append(slices.Clone(c.childEnv), bin) {
		script.WriteString(" " + shellQuote(word))
	}
	script.WriteString(" \"$@\"\n")
	path := filepath.Join(dir, filepath.Base(bin))
	if err := os.WriteFile(path, []byte(script.String()), 0o700); err != nil { //nolint:gosec // a script this user runs
		return "", fmt.Errorf("write %s wrapper: %w", filepath.Base(bin), err)
	}
	return path, nil
}

// shellQuote quotes s as one word of a POSIX shell.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// freePorts returns n distinct ports free on 127.0.0.1.
func freePorts(n int) ([]string, error) {
	var ports []string
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		defer l.Close() // open until all are picked, so they differ
		ports = append(ports, strconv.Itoa(l.Addr().(*net.TCPAddr).Port))
	}
	return ports, nil
}
