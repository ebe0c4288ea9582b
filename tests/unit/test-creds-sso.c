/*
 * test-creds-sso.c: SSO profiles (sso-session and legacy) with the token
 * `aws sso login` caches, against the fake portal (GetRoleCredentials) of
 * tests/fake-responder.py.
 */
#include "hs-common.h"
#include "harness.h"
#include "creds.h"
#include "creds-fixture.h"
#include "responder.h"

#include <sys/stat.h>

#define SSO_TOKEN "aoaAAAAAGSSOaccessTokenEXAMPLE"
#define SSO_SECRET "SsoRoleSecretEXAMPLE000000000000000000000"
#define SSO_SESSION_TOKEN "IQoJSsoSessionTokenEXAMPLE"
#define START_URL "https://phi.awsapps.com/start"

static const char *const secrets[] = {
	SSO_TOKEN, SSO_SECRET, SSO_SESSION_TOKEN, NULL,
};

static const char fake_sso[] =
	"{\"sso\": {\"access_token\": \"" SSO_TOKEN "\", \"roles\": {"
	"\"123456789012/PHIReadOnly\": {\"access_key\": \"ASIASSO\", "
	"\"secret\": \"" SSO_SECRET "\", \"session_token\": \""
	SSO_SESSION_TOKEN "\"}}}}";

/* sha1("phi-sso") and sha1(START_URL): the token cache file names. */
#define SESSION_FILE "13d2c6dd6bbd4c80f5fca8a69122b87f148e085b"
#define LEGACY_FILE "26f855e247ee22a37c39c124ef5b7d9b823e2495"

struct sso_fx {
	struct creds_fx f;
	struct responder srv;
};

static bool
sso_start(struct sso_fx *s)
{
	if (!responder_start(&s->srv, NULL, fake_sso, NULL, NULL))
		return false;
	cfx_init(&s->f);
	cfx_setenv(&s->f, "AWS_ENDPOINT_URL_SSO", s->srv.url);
	return true;
}

static void
sso_stop(struct sso_fx *s)
{
	CU_ASSERT_FALSE(cfx_leaks(s->f.log.buf, secrets));
	cfx_clear(&s->f);
	responder_stop(&s->srv);
}

/* Write a cached token expiring at the given ISO time. */
static void
write_token(struct sso_fx *s, const char *file, const char *token,
    const char *expires)
{
	char *dir = hs_xasprintf("%s/.aws/sso/cache", s->f.home), *path;
	char *cmd = hs_xasprintf("mkdir -p %s", dir);
	FILE *fp;

	if (system(cmd) != 0)
		BUG("cannot create '%s'", dir);
	path = hs_xasprintf("%s/%s.json", dir, file);
	fp = fopen(path, "w");
	fprintf(fp, "{\"startUrl\": \"%s\", \"region\": \"eu-west-1\", "
	    "\"accessToken\": \"%s\", \"expiresAt\": \"%s\"}", START_URL, token,
	    expires);
	fclose(fp);
	free(path);
	free(cmd);
	free(dir);
}

#define SESSION_CONFIG "[profile phi]\nsso_session = phi-sso\n" \
	"sso_account_id = 123456789012\nsso_role_name = PHIReadOnly\n" \
	"[sso-session phi-sso]\nsso_start_url = " START_URL "\n" \
	"sso_region = eu-west-1\n"

static int
requests(struct sso_fx *s)
{
	cJSON *reqs = responder_requests(&s->srv);
	int n = cJSON_GetArraySize(reqs);

	cJSON_Delete(reqs);
	return n;
}

static void
test_sso_session(void)
{
	struct sso_fx s;
	struct aws_credentials *c = NULL;
	struct aws_creds_chain *chain;
	char *cause = NULL;
	cJSON *reqs, *r0;
	time_t now = time(NULL);

	if (!sso_start(&s))
		return;
	cfx_write(&s.f, "config", SESSION_CONFIG);
	write_token(&s, SESSION_FILE, SSO_TOKEN, "2099-01-01T00:00:00Z");
	chain = cfx_chain(&s.f, "phi");
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now, &c, &cause),
	    AWS_CREDS_FOUND);
	if (c == NULL)
		printf("# %s\n", cause);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIASSO");
	HS_ASSERT_STR_EQ(c->secret_access_key, SSO_SECRET);
	HS_ASSERT_STR_EQ(c->session_token, SSO_SESSION_TOKEN);
	HS_ASSERT_STR_EQ(c->provider, "sso");
	HS_ASSERT_STR_EQ(c->account_id, "123456789012");
	/* the portal's expiration is in milliseconds */
	CU_ASSERT(c->expiration > now + 3500 && c->expiration < now + 3660);
	aws_credentials_release(c);
	reqs = responder_requests(&s.srv);
	r0 = cJSON_GetArrayItem(reqs, 0);
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(r0, "path")->valuestring,
	    "/federation/credentials");
	CU_ASSERT_PTR_NOT_NULL(strstr(cJSON_GetObjectItem(r0, "query")
	    ->valuestring, "account_id=123456789012"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cJSON_GetObjectItem(r0, "query")
	    ->valuestring, "role_name=PHIReadOnly"));
	/* unsigned: only the bearer token */
	CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(cJSON_GetObjectItem(r0,
	    "headers"), "authorization"));
	cJSON_Delete(reqs);
	/* cached in memory */
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now + 60, &c, &cause),
	    AWS_CREDS_FOUND);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(requests(&s), 1);
	sso_stop(&s);
}

static void
test_sso_legacy(void)
{
	struct sso_fx s;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	if (!sso_start(&s))
		return;
	cfx_write(&s.f, "config", "[default]\nsso_start_url = " START_URL "\n"
	    "sso_region = eu-west-1\nsso_account_id = 123456789012\n"
	    "sso_role_name = PHIReadOnly\n");
	write_token(&s, LEGACY_FILE, SSO_TOKEN, "2099-01-01T00:00:00Z");
	CU_ASSERT_EQUAL(cfx_resolve(&s.f, NULL, time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	if (c == NULL)
		printf("# %s\n", cause);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIASSO");
	aws_credentials_release(c);
	sso_stop(&s);
}

static void
test_sso_token_problems(void)
{
	struct sso_fx s;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	if (!sso_start(&s))
		return;
	cfx_write(&s.f, "config", SESSION_CONFIG);
	CU_ASSERT_EQUAL(cfx_resolve(&s.f, "phi", time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "no SSO token is cached"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "aws sso login --sso-session "
	    "phi-sso"));
	free(cause);
	write_token(&s, SESSION_FILE, SSO_TOKEN, "2020-01-01T00:00:00Z");
	CU_ASSERT_EQUAL(cfx_resolve(&s.f, "phi", time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "has expired"));
	free(cause);
	CU_ASSERT_EQUAL(requests(&s), 0);
	/* a token the portal does not know */
	write_token(&s, SESSION_FILE, "revoked", "2099-01-01T00:00:00Z");
	CU_ASSERT_EQUAL(cfx_resolve(&s.f, "phi", time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "HTTP 401"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "aws sso login"));
	free(cause);
	sso_stop(&s);
}

static void
test_sso_config_errors(void)
{
	static const struct {
		const char *config;
		const char *want;
	} cases[] = {
		{ "[default]\nsso_account_id = 1\n",
		    "lacks: sso_role_name, sso_start_url, sso_region" },
		{ "[default]\nsso_session = nope\nsso_account_id = 1\n"
		    "sso_role_name = r\n", "sso-session 'nope' of profile "
		    "'default' does not exist" },
		{ "[default]\nsso_session = s\nsso_account_id = 1\n"
		    "sso_role_name = r\nsso_region = us-east-1\n"
		    "[sso-session s]\nsso_start_url = u\nsso_region = eu-west-1\n",
		    "sso_region differs between profile 'default' (us-east-1) "
		    "and sso-session 's' (eu-west-1)" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct creds_fx f;
		struct aws_credentials *c = NULL;
		char *cause = NULL;

		cfx_init(&f);
		cfx_write(&f, "config", cases[i].config);
		CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause),
		    AWS_CREDS_ERROR);
		if (cause == NULL || !strstr(cause, cases[i].want))
			printf("# case %zu: %s\n", i, cause);
		CU_ASSERT_PTR_NOT_NULL(cause ? strstr(cause, cases[i].want) :
		    NULL);
		free(cause);
		cfx_clear(&f);
	}
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case cases[] = {
		{ "sso-session", test_sso_session },
		{ "legacy", test_sso_legacy },
		{ "token-problems", test_sso_token_problems },
		{ "config-errors", test_sso_config_errors },
	};

	hs_unit_add_table("creds-sso", cases, HS_ARRAY_SIZE(cases));
}
