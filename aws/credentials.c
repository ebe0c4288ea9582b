/*
 * credentials.c: the refcounted credentials struct.
 */
#include "hs-common.h"
#include "credentials.h"

/* New credentials with one reference. */
struct aws_credentials *
aws_credentials_new(const char *access_key_id, const char *secret_access_key,
    const char *session_token, time_t expiration, const char *provider)
{
	struct aws_credentials *c = hs_xcalloc(1, sizeof *c);

	c->refs = 1;
	c->access_key_id = hs_xstrdup(access_key_id);
	c->secret_access_key = hs_xstrdup(secret_access_key);
	c->session_token = session_token && *session_token ?
	    hs_xstrdup(session_token) : NULL;
	c->expiration = expiration;
	c->provider = hs_xstrdup(provider ? provider : "unknown");
	return c;
}

/* Take one more reference. */
struct aws_credentials *
aws_credentials_acquire(struct aws_credentials *c)
{
	if (c != NULL)
		c->refs++;
	return c;
}

/* Drop one reference; the last wipes the secrets and frees. */
void
aws_credentials_release(struct aws_credentials *c)
{
	if (c == NULL || --c->refs > 0)
		return;
	free(c->access_key_id);
	hs_free_secret(c->secret_access_key);
	hs_free_secret(c->session_token);
	free(c->provider);
	free(c->account_id);
	free(c);
}

/* Tell whether they expire within margin seconds of now. */
bool
aws_credentials_expiring(const struct aws_credentials *c, time_t now,
    time_t margin)
{
	return c->expiration != 0 && c->expiration - margin <= now;
}
