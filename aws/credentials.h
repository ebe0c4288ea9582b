/*
 * credentials.h: AWS credentials, shared by the signer, the credential
 * providers and the sandbox.
 *
 * Credentials are refcounted: aws_credentials_new() returns one reference;
 * _acquire() adds one and _release() drops one, wiping the secret key and
 * session token with OPENSSL_cleanse when the last goes. Accessors return
 * borrowed views that live as long as the reference the caller holds.
 */
#ifndef HS_AWS_CREDENTIALS_H
#define HS_AWS_CREDENTIALS_H

#include "hs-common.h"

struct aws_credentials {
	int refs;
	char *access_key_id;		/* not a secret: shown in --dry-run */
	char *secret_access_key;	/* secret: wiped on release */
	char *session_token;		/* secret or NULL: wiped on release */
	time_t expiration;		/* 0: does not expire */
	char *provider;			/* where they came from: "env", ... */
	char *account_id;		/* when the provider knows it, or NULL */
};

/* New credentials with one reference; token and provider may be NULL. */
struct aws_credentials *aws_credentials_new(const char *access_key_id,
    const char *secret_access_key, const char *session_token,
    time_t expiration, const char *provider);
struct aws_credentials *aws_credentials_acquire(struct aws_credentials *c);
void aws_credentials_release(struct aws_credentials *c);
/* Tell whether they expire within margin seconds of now. */
bool aws_credentials_expiring(const struct aws_credentials *c, time_t now,
    time_t margin);

#endif
