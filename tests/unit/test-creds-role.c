/*
 * test-creds-role.c: assume role (source_profile, credential_source,
 * chained roles, external_id, MFA, session name, duration) and web
 * identity against the fake STS of tests/fake-responder.py, which checks
 * the SigV4 signature of every AssumeRole with the source's secret key
 * and refuses a signed AssumeRoleWithWebIdentity. Also the CLI's JSON
 * cache under botocore's keys, and that no secret reaches the log.
 */
#include "hs-common.h"
#include "harness.h"
#include "creds.h"
#include "creds-int.h"
#include "creds-fixture.h"
#include "responder.h"

#include <sys/stat.h>

#define SRC_SECRET "SourceSecretKeyEXAMPLE0000000000000000000"
#define ROLE_SECRET "RoleSecretKeyEXAMPLE00000000000000000000"
#define ROLE_TOKEN "FwoGZXIvYXdzEroleSessionTokenEXAMPLE"
#define WEB_TOKEN "eyJhbGciOiJSUzI1NiJ9.webidentityEXAMPLE.sig"
#define ARN "arn:aws:iam::123456789012:role/"

static const char *const secrets[] = {
	SRC_SECRET, ROLE_SECRET, ROLE_TOKEN, WEB_TOKEN, "654321", NULL,
};

/* The fake STS: which keys it knows, which roles exist. */
static const char fake_sts[] =
	"{\"sts\": {\"secrets\": {\"AKIDSOURCE\": \"" SRC_SECRET "\", "
	"\"ASIAADMIN\": \"" ROLE_SECRET "\"}, "
	"\"web_identity_token\": \"" WEB_TOKEN "\", \"roles\": {"
	"\"" ARN "phi-admin\": {\"access_key\": \"ASIAADMIN\", \"secret\": \""
	ROLE_SECRET "\", \"session_token\": \"" ROLE_TOKEN "\"}, "
	"\"" ARN "phi-auditor\": {\"access_key\": \"ASIAAUDIT\", \"secret\": \""
	ROLE_SECRET "\", \"session_token\": \"" ROLE_TOKEN "\", "
	"\"ExternalId\": \"ext-1\"}, "
	"\"" ARN "phi-mfa\": {\"access_key\": \"ASIAMFA\", \"secret\": \""
	ROLE_SECRET "\", \"session_token\": \"" ROLE_TOKEN "\", "
	"\"SerialNumber\": \"arn:aws:iam::123456789012:mfa/ops\", "
	"\"TokenCode\": \"654321\"}, "
	"\"" ARN "short\": {\"access_key\": \"ASIASHORT\", \"secret\": \""
	ROLE_SECRET "\", \"session_token\": \"" ROLE_TOKEN "\", "
	"\"expires_in\": 120}, "
	"\"" ARN "ci-web\": {\"access_key\": \"ASIAWEB\", \"secret\": \""
	ROLE_SECRET "\", \"session_token\": \"" ROLE_TOKEN "\"}}}, "
	"\"container\": {\"path\": \"/creds\", \"access_key\": \"AKIDSOURCE\", "
	"\"secret\": \"" SRC_SECRET "\", \"session_token\": \"ctok\"}}";

#define SOURCE_KEYS "aws_access_key_id = AKIDSOURCE\naws_secret_access_key = " \
	SRC_SECRET "\n"

struct role_fx {
	struct creds_fx f;
	struct responder srv;
};

static bool
role_start(struct role_fx *r)
{
	if (!responder_start(&r->srv, NULL, fake_sts, NULL, NULL))
		return false;
	cfx_init(&r->f);
	cfx_setenv(&r->f, "AWS_ENDPOINT_URL_STS", r->srv.url);
	cfx_setenv(&r->f, "AWS_REGION", "us-east-1");
	return true;
}

static void
role_stop(struct role_fx *r)
{
	CU_ASSERT_FALSE(cfx_leaks(r->f.log.buf, secrets));
	cfx_clear(&r->f);
	responder_stop(&r->srv);
}

/* The form body of the n-th request (0-based) the fake received. */
static char *
sts_body(struct role_fx *r, int n)
{
	cJSON *reqs = responder_requests(&r->srv);
	cJSON *b = cJSON_GetObjectItem(cJSON_GetArrayItem(reqs, n), "body");
	char *s = hs_xstrdup(cJSON_IsString(b) ? b->valuestring : "");

	cJSON_Delete(reqs);
	return s;
}

static int
sts_requests(struct role_fx *r)
{
	cJSON *reqs = responder_requests(&r->srv);
	int n = cJSON_GetArraySize(reqs);

	cJSON_Delete(reqs);
	return n;
}

static void
test_source_profile(void)
{
	struct role_fx r;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *body, *path;
	time_t now = time(NULL);
	struct stat st;

	if (!role_start(&r))
		return;
	cfx_write(&r.f, "config", "[profile admin]\nrole_arn = " ARN
	    "phi-admin\nsource_profile = base\n[profile base]\n" SOURCE_KEYS);
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "admin", now, &c, &cause),
	    AWS_CREDS_FOUND);
	if (c == NULL)
		printf("# %s\n", cause);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAADMIN");
	HS_ASSERT_STR_EQ(c->secret_access_key, ROLE_SECRET);
	HS_ASSERT_STR_EQ(c->session_token, ROLE_TOKEN);
	HS_ASSERT_STR_EQ(c->provider, "assume-role");
	HS_ASSERT_STR_EQ(c->account_id, "123456789012");
	CU_ASSERT(c->expiration > now + 3000);
	aws_credentials_release(c);
	body = sts_body(&r, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(body, "Action=AssumeRole&Version="
	    "2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2F"
	    "phi-admin&RoleSessionName=hipaa-shell-session-"));
	free(body);
	/* the CLI's cache file, under botocore's key, mode 0600 */
	path = hs_xasprintf("%s/.aws/cli/cache/"
	    "ee67bfd50ba83a61435c988b5288c4b98bb3cc95.json", r.f.home);
	CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	free(path);
	/* a new chain (a new shell) reads it: no second STS call */
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "admin", now + 60, &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAADMIN");
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(sts_requests(&r), 1);
	role_stop(&r);
}

static void
test_role_arguments(void)
{
	struct role_fx r;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *body, *path;

	if (!role_start(&r))
		return;
	cfx_write(&r.f, "credentials", "[base]\n" SOURCE_KEYS);
	cfx_write(&r.f, "config", "[profile audit]\nrole_arn = " ARN
	    "phi-auditor\nsource_profile = base\nexternal_id = ext-1\n"
	    "role_session_name = audit\nduration_seconds = 900\n");
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "audit", time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	aws_credentials_release(c);
	body = sts_body(&r, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(body, "&RoleSessionName=audit&"
	    "ExternalId=ext-1&DurationSeconds=900"));
	free(body);
	path = hs_xasprintf("%s/.aws/cli/cache/"
	    "22f8f8a0f68630071749974cb14a459ce2d1f61f.json", r.f.home);
	CU_ASSERT_EQUAL(access(path, R_OK), 0);
	free(path);
	/* the wrong external ID is refused by STS, and said so */
	cfx_write(&r.f, "config", "[profile audit]\nrole_arn = " ARN
	    "phi-auditor\nsource_profile = base\nexternal_id = wrong\n");
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "audit", time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "AccessDenied"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, ARN "phi-auditor"));
	free(cause);
	role_stop(&r);
}

static void
test_mfa_prompt(void)
{
	struct role_fx r;
	struct aws_credentials *c = NULL;
	struct aws_creds_chain *chain;
	char *cause = NULL;
	time_t now = time(NULL);

	if (!role_start(&r))
		return;
	cfx_write(&r.f, "config", "[profile mfa]\nrole_arn = " ARN "phi-mfa\n"
	    "source_profile = base\nmfa_serial = arn:aws:iam::123456789012:"
	    "mfa/ops\n[profile base]\n" SOURCE_KEYS);
	/* no code given: an error, and STS is not called */
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "mfa", now, &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "no MFA code"));
	HS_ASSERT_STR_EQ(r.f.mfa_prompt, "Enter MFA code for arn:aws:iam::"
	    "123456789012:mfa/ops: ");
	CU_ASSERT_EQUAL(sts_requests(&r), 0);
	free(cause);
	r.f.mfa_code = "654321";
	r.f.mfa_asked = 0;
	chain = cfx_chain(&r.f, "mfa");
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now, &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAMFA");
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(r.f.mfa_asked, 1);
	/* cached: not asked again, in this chain or the next */
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now + 60, &c, &cause),
	    AWS_CREDS_FOUND);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "mfa", now + 120, &c, &cause),
	    AWS_CREDS_FOUND);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(r.f.mfa_asked, 1);
	/* near expiry the REPL asks again rather than failing */
	chain = cfx_chain(&r.f, "mfa");
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, now + 3500, &c, &cause),
	    AWS_CREDS_FOUND);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(r.f.mfa_asked, 2);
	/* a wrong code is STS's AccessDenied */
	r.f.mfa_code = "000000";
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "mfa", now + 7200, &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "wrong TokenCode"));
	free(cause);
	role_stop(&r);
}

static void
test_chained_roles(void)
{
	struct role_fx r;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *body;
	cJSON *reqs;

	if (!role_start(&r))
		return;
	/* top -> admin (a role) -> base (keys): two calls, the second signed
	 * with the first role's credentials (the fake checks both) */
	cfx_write(&r.f, "config", "[profile top]\nrole_arn = " ARN "ci-web\n"
	    "source_profile = admin\n[profile admin]\nrole_arn = " ARN
	    "phi-admin\nsource_profile = base\n[profile base]\n" SOURCE_KEYS);
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "top", time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	if (c == NULL)
		printf("# %s\n", cause);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAWEB");
	aws_credentials_release(c);
	reqs = responder_requests(&r.srv);
	CU_ASSERT_EQUAL(cJSON_GetArraySize(reqs), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(cJSON_GetObjectItem(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(reqs, 1), "headers"), "authorization")
	    ->valuestring, "Credential=ASIAADMIN/"));
	cJSON_Delete(reqs);
	body = sts_body(&r, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(body, "role%2Fci-web"));
	free(body);
	role_stop(&r);
}

static void
test_role_beats_static_keys(void)
{
	struct role_fx r;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	if (!role_start(&r))
		return;
	/* a profile with role_arn and its own keys, sourcing itself: the
	 * role wins (assume-role comes before the files in botocore) */
	cfx_write(&r.f, "credentials", "[default]\n" SOURCE_KEYS);
	cfx_write(&r.f, "config", "[default]\nrole_arn = " ARN "phi-admin\n"
	    "source_profile = default\n");
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, NULL, time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->provider, "assume-role");
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAADMIN");
	aws_credentials_release(c);
	role_stop(&r);
}

static void
test_credential_source(void)
{
	struct role_fx r;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *url;

	if (!role_start(&r))
		return;
	cfx_write(&r.f, "config", "[profile envrole]\nrole_arn = " ARN
	    "phi-admin\ncredential_source = Environment\n[profile ecs]\n"
	    "role_arn = " ARN "phi-auditor\nexternal_id = ext-1\n"
	    "credential_source = ecscontainer\n");
	/* Environment without keys: an error that says so */
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "envrole", time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "credential_source "
	    "'Environment'"));
	free(cause);
	/* with --profile the chain skips the environment keys, but they
	 * remain a credential_source */
	cfx_setenv(&r.f, "AWS_ACCESS_KEY_ID", "AKIDSOURCE");
	cfx_setenv(&r.f, "AWS_SECRET_ACCESS_KEY", SRC_SECRET);
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "envrole", time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAADMIN");
	HS_ASSERT_STR_EQ(c->provider, "assume-role");
	aws_credentials_release(c);
	/* the container endpoint as the source (names are case-insensitive) */
	url = hs_xasprintf("%s/creds", r.srv.url);
	cfx_setenv(&r.f, "AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "ecs", time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	if (c == NULL)
		printf("# %s\n", cause);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAAUDIT");
	aws_credentials_release(c);
	free(url);
	role_stop(&r);
}

static void
test_role_config_errors(void)
{
	static const struct {
		const char *config;
		const char *want;
	} cases[] = {
		{ "[default]\nrole_arn = " ARN "x\nsource_profile = b\n"
		    "credential_source = Environment\n[profile b]\n" SOURCE_KEYS,
		    "both source_profile and credential_source" },
		{ "[default]\nrole_arn = " ARN "x\n",
		    "neither source_profile nor credential_source" },
		{ "[default]\nrole_arn = " ARN "x\ncredential_source = Laptop\n",
		    "credential_source 'Laptop' of profile 'default' is not valid" },
		{ "[default]\nrole_arn = " ARN "x\nsource_profile = gone\n",
		    "source_profile 'gone' of profile 'default' does not exist" },
		{ "[default]\nrole_arn = " ARN "x\nsource_profile = a\n"
		    "[profile a]\nrole_arn = " ARN "y\nsource_profile = default\n",
		    "source_profile loop" },
		{ "[default]\nrole_arn = " ARN "x\nsource_profile = default\n",
		    "source_profile loop" },
		{ "[default]\nrole_arn = " ARN "x\nsource_profile = empty\n"
		    "[profile empty]\nregion = us-east-1\n",
		    "source_profile 'empty' of profile 'default' must have "
		    "credentials" },
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

static void
test_short_role_not_cached(void)
{
	struct role_fx r;
	struct aws_credentials *c = NULL;
	char *cause = NULL;
	time_t now = time(NULL);

	if (!role_start(&r))
		return;
	/* credentials that expire within the 5-minute margin are fetched
	 * again rather than served from either cache */
	cfx_write(&r.f, "config", "[default]\nrole_arn = " ARN "short\n"
	    "source_profile = base\n[profile base]\n" SOURCE_KEYS);
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, NULL, now, &c, &cause),
	    AWS_CREDS_FOUND);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, NULL, now, &c, &cause),
	    AWS_CREDS_FOUND);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(sts_requests(&r), 2);
	role_stop(&r);
}

static void
test_web_identity(void)
{
	struct role_fx r;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *token, *body, *path;
	cJSON *reqs;

	if (!role_start(&r))
		return;
	token = cfx_script(&r.f, "token.jwt", WEB_TOKEN "\n");
	cfx_setenv(&r.f, "AWS_WEB_IDENTITY_TOKEN_FILE", token);
	cfx_setenv(&r.f, "AWS_ROLE_ARN", ARN "ci-web");
	cfx_setenv(&r.f, "AWS_ROLE_SESSION_NAME", "gha-42");
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, NULL, time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	if (c == NULL)
		printf("# %s\n", cause);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAWEB");
	HS_ASSERT_STR_EQ(c->provider, "assume-role-with-web-identity");
	aws_credentials_release(c);
	reqs = responder_requests(&r.srv);
	CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(reqs, 0), "headers"), "authorization"));
	cJSON_Delete(reqs);
	body = sts_body(&r, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(body, "Action=AssumeRoleWithWebIdentity"));
	CU_ASSERT_PTR_NOT_NULL(strstr(body, "RoleSessionName=gha-42"));
	free(body);
	/* cached beside assume role, under botocore's key */
	path = hs_xasprintf("%s/.aws/cli/cache/"
	    "8d6bc760d4f90ae65861213dcaca00fd25c1dbc1.json", r.f.home);
	CU_ASSERT_EQUAL(access(path, R_OK), 0);
	free(path);
	/* --profile turns the variables off: the profile's settings rule */
	cfx_write(&r.f, "config", "[profile ci]\nregion = us-east-1\n");
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "ci", time(NULL), &c, &cause),
	    AWS_CREDS_NOT_FOUND);
	free(cause);
	cfx_unsetenv(&r.f, "AWS_ROLE_SESSION_NAME");
	body = hs_xasprintf("[profile ci]\nweb_identity_token_file = %s\n"
	    "role_arn = " ARN "ci-web\n", token);
	cfx_write(&r.f, "config", body);
	free(body);
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, "ci", time(NULL), &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->provider, "assume-role-with-web-identity");
	aws_credentials_release(c);
	free(token);
	role_stop(&r);
}

static void
test_web_identity_errors(void)
{
	struct role_fx r;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *token;

	if (!role_start(&r))
		return;
	token = cfx_script(&r.f, "token.jwt", "not-the-token");
	cfx_setenv(&r.f, "AWS_WEB_IDENTITY_TOKEN_FILE", token);
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, NULL, time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "no role"));
	free(cause);
	cfx_setenv(&r.f, "AWS_ROLE_ARN", ARN "ci-web");
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, NULL, time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "InvalidIdentityToken"));
	free(cause);
	cfx_setenv(&r.f, "AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token");
	CU_ASSERT_EQUAL(cfx_resolve(&r.f, NULL, time(NULL), &c, &cause),
	    AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "/nonexistent/token"));
	free(cause);
	free(token);
	role_stop(&r);
}

static void
test_cache_keys(void)
{
	static const struct creds_cache_arg odd[] = {
		{ "RoleArn", "r", false },
		{ "RoleSessionName", "sess\xc3\xa9\"\\\n\x7f\xf0\x9f\x98\x80",
		    false },
	};
	static const struct creds_cache_arg sso[] = {
		{ "accountId", "123456789012", false },
		{ "roleName", "PHIReadOnly", false },
		{ "sessionName", "phi-sso", false },
		{ "startUrl", NULL, false },
	};
	char *k;

	/* python3: sha1(json.dumps(args, sort_keys=True)) */
	k = creds_cache_key(odd, HS_ARRAY_SIZE(odd), false);
	HS_ASSERT_STR_EQ(k, "82ad4bc6907f79860d45ff2771ec3250e0d29c06");
	free(k);
	k = creds_cache_key(sso, HS_ARRAY_SIZE(sso), true);
	HS_ASSERT_STR_EQ(k, "d270c8e730a55486c02e98790c390fe0870892f3");
	free(k);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case role[] = {
		{ "source-profile", test_source_profile },
		{ "role-arguments", test_role_arguments },
		{ "mfa-prompt", test_mfa_prompt },
		{ "chained-roles", test_chained_roles },
		{ "role-beats-static-keys", test_role_beats_static_keys },
		{ "credential-source", test_credential_source },
		{ "config-errors", test_role_config_errors },
		{ "short-role-not-cached", test_short_role_not_cached },
		{ "cache-keys", test_cache_keys },
	};
	static const struct hs_unit_case web[] = {
		{ "web-identity", test_web_identity },
		{ "errors", test_web_identity_errors },
	};

	hs_unit_add_table("creds-assume-role", role, HS_ARRAY_SIZE(role));
	hs_unit_add_table("creds-web-identity", web, HS_ARRAY_SIZE(web));
}
