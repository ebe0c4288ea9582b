/*
 * creds.h: the credential provider chain, in the AWS CLI's order.
 *
 * botocore/credentials.py (create_credential_resolver) looks, in order:
 *   env                             AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 *                                   AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION
 *                                   (skipped when --profile is given)
 *   assume-role                     role_arn + source_profile | credential_source
 *   assume-role-with-web-identity   web_identity_token_file / AWS_WEB_IDENTITY_*
 *   sso                             sso_account_id + sso_role_name (+ sso_session)
 *   shared-credentials-file         ~/.aws/credentials
 *   custom-process                  credential_process
 *   config-file                     keys in ~/.aws/config
 *   container-role                  AWS_CONTAINER_CREDENTIALS_{RELATIVE,FULL}_URI
 *   iam-role                        EC2 instance metadata (IMDSv2)
 * The first provider that is configured wins; one that is configured but
 * fails stops the chain with its error, as botocore does. When none is
 * configured, aws_creds_chain_get() says where it looked (the shell then
 * exits 253).
 *
 * The chain keeps what it found and hands out new references until they
 * come within AWS_CREDS_REFRESH_MARGIN of their expiration; then it asks
 * the same provider again (assume role prompts for the MFA code again:
 * a REPL lives longer than one set of role credentials).
 *
 * The profile is the resolver's; it was named explicitly when it came
 * from --profile (then the environment keys are skipped, as botocore
 * does when the session's profile is set).
 *
 * Ownership: options are copied, except the HTTP client (acquired), and
 * the resolver, environment and endpoints (borrowed: they must outlive
 * the chain). Credentials returned are
 * a new reference (aws_credentials_release). Nothing here prints.
 */
#ifndef HS_AWS_CREDS_H
#define HS_AWS_CREDS_H

#include "hs-common.h"
#include "config.h"
#include "credentials.h"
#include "endpoint.h"
#include "http.h"

/* Refresh credentials this long before they expire. */
#define AWS_CREDS_REFRESH_MARGIN (5 * 60)

enum aws_creds_status {
	AWS_CREDS_FOUND = 0,
	AWS_CREDS_NOT_FOUND,	/* no provider is configured: exit 253 */
	AWS_CREDS_ERROR,	/* a configured provider failed */
};

/*
 * Ask the user for an MFA code: prompt is "Enter MFA code for SERIAL: ".
 * Returns an allocated string (the chain wipes and frees it), or NULL
 * when the user gave none (the chain then fails with AWS_CREDS_ERROR).
 */
typedef char *aws_creds_mfa_fn(void *arg, const char *prompt);

struct aws_creds_options {
	struct aws_resolver *resolver;	/* the profile, its settings and the
					 * config files (aws/config.h) */
	const struct aws_env *env;	/* NULL: the process environment;
					 * give the resolver's */
	const struct aws_endpoints *endpoints; /* for STS and SSO; NULL:
					 * only configured endpoint URLs */
	struct aws_http_client *http;	/* for STS, SSO, IMDS, containers */
	aws_creds_mfa_fn *mfa_prompt;	/* NULL: profiles with mfa_serial fail */
	void *mfa_arg;
	const char *home;		/* NULL: $HOME; for ~/.aws/cli/cache
					 * and ~/.aws/sso/cache */
	const char *container_host;	/* NULL: 169.254.170.2 (tests only) */
};

struct aws_creds_chain;

/* A new chain, or NULL with *cause set. */
struct aws_creds_chain *aws_creds_chain_new(const struct aws_creds_options *o,
    char **cause);
void aws_creds_chain_free(struct aws_creds_chain *chain);
/*
 * Credentials valid at now. On AWS_CREDS_FOUND *out is a new reference;
 * otherwise *cause says what failed or, for AWS_CREDS_NOT_FOUND, every
 * place the chain looked.
 */
enum aws_creds_status aws_creds_chain_get(struct aws_creds_chain *chain,
    time_t now, struct aws_credentials **out, char **cause);
/* Forget cached credentials (after .profile, or an ExpiredToken error). */
void aws_creds_chain_reset(struct aws_creds_chain *chain);

#endif
