/*
 * creds-fixture.h: what the credential tests share: a fake environment
 * (so nothing leaks in from the machine running them, and IMDS is off
 * unless a test points it at the fake), config files in the test's
 * folder (which is also HOME), an HTTP client whose sleeps are counted
 * and whose --debug log is kept, an MFA prompt that answers from a list,
 * and a chain built over all of it.
 */
#ifndef HS_TEST_CREDS_FIXTURE_H
#define HS_TEST_CREDS_FIXTURE_H

#include "hs-common.h"
#include "creds.h"

struct creds_fx {
	struct aws_kvlist vars;		/* the environment */
	struct aws_env env;
	struct aws_http_client *http;
	struct hs_buf log;		/* the --debug log of every request */
	int sleeps;
	const char *home;		/* the test's folder */
	char *config_path;
	char *credentials_path;
	struct aws_config *cfg;
	struct aws_resolver *res;
	struct aws_endpoints *eps;
	struct aws_creds_chain *chain;
	const char *container_host;	/* for RELATIVE_URI, or NULL */
	const char *mfa_code;		/* the prompt's answer; NULL: none */
	int mfa_asked;
	char *mfa_prompt;		/* the last prompt shown */
};

void cfx_init(struct creds_fx *f);
void cfx_clear(struct creds_fx *f);
void cfx_setenv(struct creds_fx *f, const char *name, const char *value);
void cfx_unsetenv(struct creds_fx *f, const char *name);
/* Write the config ("config") or credentials ("credentials") file. */
void cfx_write(struct creds_fx *f, const char *which, const char *text);
/* (Re)build the config, resolver and chain; profile is --profile. */
struct aws_creds_chain *cfx_chain(struct creds_fx *f, const char *profile);
/* Resolve once with a fresh chain. */
enum aws_creds_status cfx_resolve(struct creds_fx *f, const char *profile,
    time_t now, struct aws_credentials **out, char **cause);
/* Tell whether any of the NULL-terminated secrets appears in text. */
bool cfx_leaks(const char *text, const char *const *secrets);
/* Write an executable script into the test's folder; returns its path. */
char *cfx_script(struct creds_fx *f, const char *name, const char *text);

#endif
