package automation

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

// Pattern names a deployment pattern.
type Pattern string

// The deployment patterns.
const (
	PatternPortMapped Pattern = "portMapped"
	PatternSni        Pattern = "sni"
)

// GatewayConnections tells Kafka clients of one gateway where to connect.
type GatewayConnections struct {
	Pattern Pattern `json:"pattern"`
	// BootstrapServers maps each virtual cluster to its bootstrap.servers value.
	BootstrapServers map[string]string `json:"bootstrapServers"`
	// BrokerAddresses maps each virtual cluster to its advertised broker addresses.
	BrokerAddresses map[string][]string `json:"brokerAddresses"`
}

// Connections maps gateway names to their client connection info.
type Connections map[string]GatewayConnections

// connectionsFrom reads the connections stack output.
func connectionsFrom(outputs auto.OutputMap) (Connections, error) {
	out, ok := outputs[ConnectionsOutput]
	if !ok {
		return Connections{}, nil
	}
	data, err := json.Marshal(out.Value)
	if err != nil {
		return nil, err
	}
	var c Connections
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("read %s output: %w", ConnectionsOutput, err)
	}
	return c, nil
}

// Print writes the connection info for people, gateway by gateway.
func (c Connections) Print(w io.Writer) {
	for _, gw := range sortedKeys(c) {
		conn := c[gw]
		fmt.Fprintf(w, "%s (%s)\n", gw, conn.Pattern)
		for _, vc := range sortedKeys(conn.BootstrapServers) {
			fmt.Fprintf(w, "  virtual cluster %s\n", vc)
			fmt.Fprintf(w, "    bootstrap.servers = %s\n", conn.BootstrapServers[vc])
			fmt.Fprintf(w, "    brokers           = %s\n", strings.Join(conn.BrokerAddresses[vc], ", "))
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
