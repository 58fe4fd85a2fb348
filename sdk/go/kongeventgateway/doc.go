// Manage Kong Event Gateway (Kong's Kafka proxy) objects in Kong Konnect.
package kongeventgateway
