package secrets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type principal struct {
	User     string `pulumi:"username"`
	Password string `pulumi:"password" provider:"secret"`
}

type auth struct {
	Type       string      `pulumi:"type"`
	Principals []principal `pulumi:"principals,optional"`
}

type args struct {
	Name   string  `pulumi:"name"`
	Token  *string `pulumi:"token,optional" provider:"secret"`
	Auth   []auth  `pulumi:"authentication"`
	hidden string
}

func sample(token, password string) args {
	return args{Name: "n", Token: &token, Auth: []auth{{Type: "anonymous"}, {Type: "sasl_plain",
		Principals: []principal{{User: "a", Password: password}}}}, hidden: "not a property"}
}

func TestValues(t *testing.T) {
	a := sample("t0ken", "pa55")
	assert.Equal(t, map[string]string{"token": "t0ken", "authentication[1].principals[0].password": "pa55"}, Values(&a))
}

func TestRedact(t *testing.T) {
	a := sample("t0ken", "pa55")
	Redact(&a)
	assert.Nil(t, a.Token)
	assert.Empty(t, a.Auth[1].Principals[0].Password)
	assert.Equal(t, "a", a.Auth[1].Principals[0].User)
	assert.Empty(t, Values(&a))
}

func TestSealDetectsRotation(t *testing.T) {
	a := sample("t0ken", "pa55")
	s, err := Sealed{}.Seal(&a)
	require.NoError(t, err)
	assert.Len(t, s.Salt, 32)
	assert.NotContains(t, s.Hashes["token"], "t0ken")
	assert.Empty(t, s.Changed(&a))

	rotated := sample("t0ken", "n3w")
	assert.Equal(t, []string{"authentication[1].principals[0].password"}, s.Changed(&rotated))

	removed := sample("", "pa55")
	assert.Equal(t, []string{"token"}, s.Changed(&removed))

	again, err := s.Seal(&rotated)
	require.NoError(t, err)
	assert.Equal(t, s.Salt, again.Salt, "resealing keeps the resource's salt")
	assert.Empty(t, again.Changed(&rotated))

	other, err := Sealed{}.Seal(&a)
	require.NoError(t, err)
	assert.NotEqual(t, s.Hashes["token"], other.Hashes["token"], "salts differ between resources")
}

func TestUnsealed(t *testing.T) {
	a := sample("t0ken", "pa55")
	assert.True(t, Sealed{}.IsZero())
	assert.ElementsMatch(t, []string{"token", "authentication[1].principals[0].password"}, Sealed{}.Changed(&a))
}
