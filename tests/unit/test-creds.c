/*
 * test-creds.c: the credential providers that need no config file
 * (environment, container endpoint, EC2 instance metadata), the chain's
 * order, caching and refresh, and its "looked at" message. The container
 * endpoint and IMDS are tests/fake-responder.py --aws; the environment is
 * a fake getenv, so nothing leaks in from the machine running the tests.
 */
#include "hs-common.h"
#include "harness.h"
#include "creds.h"
#include "creds-int.h"
#include "responder.h"
#include "creds-fixture.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
#define TOKEN "IQoJb3JpZ2luX2VjEXAMPLEsessiontoken"
#define IMDS_TOKEN "AQAEAImdsSessionTokenEXAMPLE"
#define AUTH "Bearer containerauthEXAMPLE"

/* Resolve once; an explicit profile is --profile ops. */
static enum aws_creds_status
resolve(struct creds_fx *f, bool explicit_profile, time_t now,
    struct aws_credentials **out, char **cause)
{
	return cfx_resolve(f, explicit_profile ? "ops" : NULL, now, out, cause);
}

static void
test_env_keys(void)
{
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	cfx_init(&e);
	cfx_setenv(&e, "AWS_ACCESS_KEY_ID", "AKIDENV");
	cfx_setenv(&e, "AWS_SECRET_ACCESS_KEY", SECRET);
	cfx_setenv(&e, "AWS_SESSION_TOKEN", TOKEN);
	cfx_setenv(&e, "AWS_CREDENTIAL_EXPIRATION", "2030-01-01T00:00:00Z");
	cfx_setenv(&e, "AWS_ACCOUNT_ID", "123456789012");
	CU_ASSERT_EQUAL(resolve(&e, false, 1700000000, &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "AKIDENV");
	HS_ASSERT_STR_EQ(c->secret_access_key, SECRET);
	HS_ASSERT_STR_EQ(c->session_token, TOKEN);
	HS_ASSERT_STR_EQ(c->provider, "env");
	HS_ASSERT_STR_EQ(c->account_id, "123456789012");
	CU_ASSERT_EQUAL(c->expiration, 1893456000);
	aws_credentials_release(c);

	/* botocore reads AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN */
	cfx_setenv(&e, "AWS_SECURITY_TOKEN", "legacytoken");
	CU_ASSERT_EQUAL(resolve(&e, false, 1700000000, &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->session_token, "legacytoken");
	aws_credentials_release(c);
	cfx_clear(&e);
}

static void
test_env_errors(void)
{
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	cfx_init(&e);
	cfx_setenv(&e, "AWS_ACCESS_KEY_ID", "AKIDENV");
	CU_ASSERT_EQUAL(resolve(&e, false, 0, &c, &cause), AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "AWS_SECRET_ACCESS_KEY is not"));
	free(cause);
	cfx_setenv(&e, "AWS_SECRET_ACCESS_KEY", SECRET);
	cfx_setenv(&e, "AWS_CREDENTIAL_EXPIRATION", "tomorrow");
	CU_ASSERT_EQUAL(resolve(&e, false, 0, &c, &cause), AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "'tomorrow'"));
	free(cause);
	/* an empty variable counts as unset */
	cfx_setenv(&e, "AWS_ACCESS_KEY_ID", "");
	CU_ASSERT_EQUAL(resolve(&e, false, 0, &c, &cause),
	    AWS_CREDS_NOT_FOUND);
	free(cause);
	cfx_clear(&e);
}

static void
test_nothing_found_says_where(void)
{
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	cfx_init(&e);
	CU_ASSERT_EQUAL(resolve(&e, false, 0, &c, &cause),
	    AWS_CREDS_NOT_FOUND);
	CU_ASSERT_PTR_NULL(c);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "profile 'default'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "AWS_ACCESS_KEY_ID is not set"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "container credentials"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "EC2 instance metadata (disabled "
	    "by AWS_EC2_METADATA_DISABLED)"));
	free(cause);
	cfx_clear(&e);
}

/* The fake AWS endpoints for these tests. */
static char *
fake_aws(const char *imds_extra, const char *container_auth)
{
	return hs_xasprintf("{\"imds\": {\"access_key\": \"ASIAIMDS\", "
	    "\"secret\": \"%s\", \"session_token\": \"%s\", \"token\": \"%s\""
	    "%s}, \"container\": {\"path\": \"/v2/credentials/task-1\", "
	    "\"auth\": %s, \"access_key\": \"ASIACONTAINER\", \"secret\": \"%s\", "
	    "\"session_token\": \"%s\"}}", SECRET, TOKEN, IMDS_TOKEN,
	    imds_extra ? imds_extra : "", container_auth, SECRET, TOKEN);
}

static bool
start_fake(struct responder *srv, const char *imds_extra,
    const char *container_auth)
{
	char *conf = fake_aws(imds_extra, container_auth);
	bool ok = responder_start(srv, NULL, conf, NULL, NULL);

	free(conf);
	return ok;
}

/* Tell whether the secrets appear in a text. */
static bool
leaks(const char *text)
{
	return strstr(text, SECRET) || strstr(text, TOKEN) ||
	    strstr(text, IMDS_TOKEN) || strstr(text, "containerauthEXAMPLE");
}

static void
test_container_full_uri(void)
{
	struct responder srv;
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *url;
	cJSON *reqs;

	if (!start_fake(&srv, NULL, "\"" AUTH "\""))
		return;
	cfx_init(&e);
	url = hs_xasprintf("%s/v2/credentials/task-1", srv.url);
	cfx_setenv(&e, "AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
	cfx_setenv(&e, "AWS_CONTAINER_AUTHORIZATION_TOKEN", AUTH);
	CU_ASSERT_EQUAL(resolve(&e, false, 1700000000, &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIACONTAINER");
	HS_ASSERT_STR_EQ(c->secret_access_key, SECRET);
	HS_ASSERT_STR_EQ(c->session_token, TOKEN);
	HS_ASSERT_STR_EQ(c->provider, "container-role");
	CU_ASSERT(c->expiration > 1700000000);
	aws_credentials_release(c);
	reqs = responder_requests(&srv);
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(reqs, 0), "headers"), "authorization")
	    ->valuestring, AUTH);
	cJSON_Delete(reqs);
	CU_ASSERT_FALSE(leaks(e.log.buf));

	/* the token from a file wins over the variable */
	{
		char *file = hs_xasprintf("%s/token", hs_unit_tmpdir());
		FILE *f = fopen(file, "w");

		fputs("Bearer wrong", f);
		fclose(f);
		cfx_setenv(&e, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file);
		CU_ASSERT_EQUAL(resolve(&e, false, 0, &c, &cause),
		    AWS_CREDS_ERROR);
		CU_ASSERT_PTR_NOT_NULL(strstr(cause, "answered 401"));
		/* three attempts, one second apart */
		CU_ASSERT_EQUAL(e.sleeps, 2);
		free(cause);
		free(file);
	}
	free(url);
	cfx_clear(&e);
	responder_stop(&srv);
}

static void
test_container_relative_uri(void)
{
	struct responder srv;
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *host;

	if (!start_fake(&srv, NULL, "null"))
		return;
	cfx_init(&e);
	cfx_setenv(&e, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
	    "/v2/credentials/task-1");
	/* FULL_URI is ignored when RELATIVE_URI is set */
	cfx_setenv(&e, "AWS_CONTAINER_CREDENTIALS_FULL_URI",
	    "http://evil.example/");
	host = hs_xasprintf("127.0.0.1:%d", srv.port);
	e.container_host = host;
	CU_ASSERT_EQUAL(resolve(&e, false, 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIACONTAINER");
	aws_credentials_release(c);
	free(host);
	cfx_clear(&e);
	responder_stop(&srv);
}

static void
test_container_url_rules(void)
{
	static const struct {
		const char *url;
		int want;
	} cases[] = {
		{ "http://127.0.0.1:8080/creds", 0 },
		{ "http://127.9.9.9/creds", 0 },
		{ "http://[::1]:80/creds", 0 },
		{ "http://localhost/creds", 0 },
		{ "http://169.254.170.2/v2/x", 0 },
		{ "http://169.254.170.23/v1/credentials", 0 },
		{ "http://[fd00:ec2::23]/v1/credentials", 0 },
		{ "https://creds.example.com/x", 0 },
		{ "http://creds.example.com/x", -1 },
		{ "http://169.254.169.254/latest", -1 },
		{ "http://10.0.0.1/creds", -1 },
		{ "ftp://127.0.0.1/creds", -1 },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		char *cause = NULL;
		int got = creds_container_check_url(cases[i].url, &cause);

		if (got != cases[i].want)
			printf("# %s: %s\n", cases[i].url, cause);
		CU_ASSERT_EQUAL(got, cases[i].want);
		free(cause);
	}
}

static void
test_container_token_with_newline(void)
{
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	cfx_init(&e);
	cfx_setenv(&e, "AWS_CONTAINER_CREDENTIALS_FULL_URI",
	    "http://127.0.0.1:1/creds");
	cfx_setenv(&e, "AWS_CONTAINER_AUTHORIZATION_TOKEN", "a\r\nX-Evil: 1");
	CU_ASSERT_EQUAL(resolve(&e, false, 0, &c, &cause), AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "line break"));
	free(cause);
	cfx_clear(&e);
}

/* Point the chain at the fake IMDS. */
static void
env_imds(struct creds_fx *e, const struct responder *srv)
{
	cfx_unsetenv(e, "AWS_EC2_METADATA_DISABLED");
	cfx_setenv(e, "AWS_EC2_METADATA_SERVICE_ENDPOINT", srv->url);
}

static const char *
req_str(cJSON *reqs, int i, const char *field)
{
	return cJSON_GetObjectItem(cJSON_GetArrayItem(reqs, i), field)
	    ->valuestring;
}

static const char *
req_header(cJSON *reqs, int i, const char *name)
{
	cJSON *h = cJSON_GetObjectItem(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(reqs, i), "headers"), name);

	return h ? h->valuestring : NULL;
}

static void
test_imds_v2(void)
{
	struct responder srv;
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL;
	cJSON *reqs;

	if (!start_fake(&srv, NULL, "null"))
		return;
	cfx_init(&e);
	env_imds(&e, &srv);
	CU_ASSERT_EQUAL(resolve(&e, false, time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAIMDS");
	HS_ASSERT_STR_EQ(c->secret_access_key, SECRET);
	HS_ASSERT_STR_EQ(c->session_token, TOKEN);
	HS_ASSERT_STR_EQ(c->provider, "iam-role");
	aws_credentials_release(c);
	reqs = responder_requests(&srv);
	CU_ASSERT_EQUAL_FATAL(cJSON_GetArraySize(reqs), 3);
	HS_ASSERT_STR_EQ(req_str(reqs, 0, "method"), "PUT");
	HS_ASSERT_STR_EQ(req_str(reqs, 0, "path"), "/latest/api/token");
	HS_ASSERT_STR_EQ(req_header(reqs, 0,
	    "x-aws-ec2-metadata-token-ttl-seconds"), "21600");
	HS_ASSERT_STR_EQ(req_str(reqs, 1, "path"),
	    "/latest/meta-data/iam/security-credentials/");
	HS_ASSERT_STR_EQ(req_header(reqs, 1, "x-aws-ec2-metadata-token"),
	    IMDS_TOKEN);
	HS_ASSERT_STR_EQ(req_str(reqs, 2, "path"),
	    "/latest/meta-data/iam/security-credentials/phi-bastion");
	HS_ASSERT_STR_EQ(req_header(reqs, 2, "x-aws-ec2-metadata-token"),
	    IMDS_TOKEN);
	cJSON_Delete(reqs);
	CU_ASSERT_FALSE(leaks(e.log.buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.log.buf, "ASIAIMDS"));
	cfx_clear(&e);
	responder_stop(&srv);
}

static void
test_imds_v1_fallback(void)
{
	struct responder srv;
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL;
	cJSON *reqs;

	if (!start_fake(&srv, ", \"token_status\": 403", "null"))
		return;
	cfx_init(&e);
	env_imds(&e, &srv);
	CU_ASSERT_EQUAL(resolve(&e, false, time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAIMDS");
	aws_credentials_release(c);
	reqs = responder_requests(&srv);
	CU_ASSERT_EQUAL(cJSON_GetArraySize(reqs), 3);
	CU_ASSERT_PTR_NULL(req_header(reqs, 1, "x-aws-ec2-metadata-token"));
	cJSON_Delete(reqs);
	/* ...unless IMDSv1 is disabled */
	cfx_setenv(&e, "AWS_EC2_METADATA_V1_DISABLED", "true");
	CU_ASSERT_EQUAL(resolve(&e, false, time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "IMDSv1 is disabled"));
	free(cause);
	cfx_clear(&e);
	responder_stop(&srv);
}

static void
test_imds_unavailable(void)
{
	struct responder srv;
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	if (!start_fake(&srv, ", \"stall\": 4", "null"))
		return;
	cfx_init(&e);
	env_imds(&e, &srv);
	/* a stalled metadata service is given up after the 1 s timeout */
	CU_ASSERT_EQUAL(resolve(&e, false, time(NULL), &c, &cause),
	    AWS_CREDS_NOT_FOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "EC2 instance metadata at"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "timed out"));
	free(cause);
	responder_stop(&srv);

	if (!start_fake(&srv, ", \"no_role\": true", "null"))
		return;
	cfx_setenv(&e, "AWS_EC2_METADATA_SERVICE_ENDPOINT", srv.url);
	CU_ASSERT_EQUAL(resolve(&e, false, time(NULL), &c, &cause),
	    AWS_CREDS_NOT_FOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "answered 404"));
	free(cause);
	cfx_setenv(&e, "AWS_METADATA_SERVICE_TIMEOUT", "soon");
	CU_ASSERT_EQUAL(resolve(&e, false, time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "metadata_service_timeout"));
	free(cause);
	cfx_clear(&e);
	responder_stop(&srv);
}

static void
test_imds_stale_expiration_extended(void)
{
	struct responder srv;
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL;
	time_t now = time(NULL);

	if (!start_fake(&srv, ", \"expires_in\": 60", "null"))
		return;
	cfx_init(&e);
	env_imds(&e, &srv);
	CU_ASSERT_EQUAL(resolve(&e, false, now, &c, &cause), AWS_CREDS_FOUND);
	CU_ASSERT_EQUAL(c->expiration, now + 20 * 60);
	aws_credentials_release(c);
	cfx_clear(&e);
	responder_stop(&srv);
}

static void
test_chain_order(void)
{
	struct responder srv;
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *url;

	if (!start_fake(&srv, NULL, "null"))
		return;
	cfx_init(&e);
	env_imds(&e, &srv);
	CU_ASSERT_EQUAL(resolve(&e, false, time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->provider, "iam-role");
	aws_credentials_release(c);
	/* the container comes before the instance role */
	url = hs_xasprintf("%s/v2/credentials/task-1", srv.url);
	cfx_setenv(&e, "AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
	CU_ASSERT_EQUAL(resolve(&e, false, time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->provider, "container-role");
	aws_credentials_release(c);
	/* the environment beats both */
	cfx_setenv(&e, "AWS_ACCESS_KEY_ID", "AKIDENV");
	cfx_setenv(&e, "AWS_SECRET_ACCESS_KEY", SECRET);
	CU_ASSERT_EQUAL(resolve(&e, false, time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->provider, "env");
	aws_credentials_release(c);
	/* ...unless a profile is named explicitly (--profile) */
	cfx_write(&e, "config", "[profile ops]\nregion = us-east-1\n");
	CU_ASSERT_EQUAL(resolve(&e, true, time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->provider, "container-role");
	aws_credentials_release(c);
	free(url);
	cfx_clear(&e);
	responder_stop(&srv);
}

static int
count_requests(const struct responder *srv)
{
	cJSON *reqs = responder_requests(srv);
	int n = cJSON_GetArraySize(reqs);

	cJSON_Delete(reqs);
	return n;
}

static void
test_chain_caches_and_refreshes(void)
{
	struct responder srv;
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	struct aws_creds_chain *chain;
	char *cause = NULL;
	time_t now = time(NULL);

	if (!start_fake(&srv, NULL, "null"))
		return;
	cfx_init(&e);
	env_imds(&e, &srv);
	chain = cfx_chain(&e, NULL);
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now, &c, &cause),
	    AWS_CREDS_FOUND);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(count_requests(&srv), 3);
	/* cached: no new request while far from expiry */
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now + 600, &c, &cause),
	    AWS_CREDS_FOUND);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(count_requests(&srv), 3);
	/* within 5 minutes of the expiry (1 hour): fetched again */
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now + 3600 - 200, &c,
	    &cause), AWS_CREDS_FOUND);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(count_requests(&srv), 6);
	/* a failed refresh keeps credentials that have not expired yet */
	responder_stop(&srv);
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now + 3600 - 100, &c,
	    &cause), AWS_CREDS_FOUND);
	aws_credentials_release(c);
	/* ...but not once they have */
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now + 7200, &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "expired"));
	free(cause);
		cfx_clear(&e);
}

static void
test_env_refresh_reads_again(void)
{
	struct creds_fx e;
	struct aws_credentials *c = NULL;
	struct aws_creds_chain *chain;
	char *cause = NULL;

	cfx_init(&e);
	cfx_setenv(&e, "AWS_ACCESS_KEY_ID", "AKIDOLD");
	cfx_setenv(&e, "AWS_SECRET_ACCESS_KEY", SECRET);
	cfx_setenv(&e, "AWS_CREDENTIAL_EXPIRATION", "2024-01-01T01:00:00Z");
	chain = cfx_chain(&e, NULL);
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, 1704067200, &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "AKIDOLD");
	aws_credentials_release(c);
	cfx_setenv(&e, "AWS_ACCESS_KEY_ID", "AKIDNEW");
	cfx_setenv(&e, "AWS_CREDENTIAL_EXPIRATION", "2024-01-01T02:00:00Z");
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, 1704067200 + 3400, &c,
	    &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "AKIDNEW");
	aws_credentials_release(c);
		cfx_clear(&e);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case env[] = {
		{ "keys", test_env_keys },
		{ "errors", test_env_errors },
		{ "refresh-reads-again", test_env_refresh_reads_again },
	};
	static const struct hs_unit_case container[] = {
		{ "full-uri", test_container_full_uri },
		{ "relative-uri", test_container_relative_uri },
		{ "url-rules", test_container_url_rules },
		{ "token-with-newline", test_container_token_with_newline },
	};
	static const struct hs_unit_case imds[] = {
		{ "v2", test_imds_v2 },
		{ "v1-fallback", test_imds_v1_fallback },
		{ "unavailable", test_imds_unavailable },
		{ "stale-expiration-extended",
		    test_imds_stale_expiration_extended },
	};
	static const struct hs_unit_case chain[] = {
		{ "nothing-found-says-where", test_nothing_found_says_where },
		{ "order", test_chain_order },
		{ "caches-and-refreshes", test_chain_caches_and_refreshes },
	};

	hs_unit_add_table("creds-env", env, HS_ARRAY_SIZE(env));
	hs_unit_add_table("creds-container", container,
	    HS_ARRAY_SIZE(container));
	hs_unit_add_table("creds-imds", imds, HS_ARRAY_SIZE(imds));
	hs_unit_add_table("creds-chain", chain, HS_ARRAY_SIZE(chain));
}
