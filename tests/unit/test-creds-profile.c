/*
 * test-creds-profile.c: static keys from the two files, credential_process
 * (with small scripts written by each test), and the chain's order among
 * the providers that read a profile.
 */
#include "hs-common.h"
#include "harness.h"
#include "creds.h"
#include "creds-int.h"
#include "creds-fixture.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"

static void
test_shared_credentials_file(void)
{
	struct creds_fx f;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	cfx_init(&f);
	cfx_write(&f, "credentials", "[default]\naws_access_key_id = AKIDFILE\n"
	    "aws_secret_access_key = " SECRET "\naws_session_token = tok\n"
	    "aws_account_id = 123456789012\n");
	CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "AKIDFILE");
	HS_ASSERT_STR_EQ(c->secret_access_key, SECRET);
	HS_ASSERT_STR_EQ(c->session_token, "tok");
	HS_ASSERT_STR_EQ(c->provider, "shared-credentials-file");
	HS_ASSERT_STR_EQ(c->account_id, "123456789012");
	CU_ASSERT_EQUAL(c->expiration, 0);
	aws_credentials_release(c);
	/* aws_security_token comes before aws_session_token */
	cfx_write(&f, "credentials", "[default]\naws_access_key_id = AKIDFILE\n"
	    "aws_secret_access_key = s\naws_session_token = new\n"
	    "aws_security_token = old\n");
	CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->session_token, "old");
	aws_credentials_release(c);
	cfx_clear(&f);
}

static void
test_config_file_keys(void)
{
	struct creds_fx f;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	cfx_init(&f);
	cfx_write(&f, "config", "[profile dev]\naws_access_key_id = AKIDCONF\n"
	    "aws_secret_access_key = s\n");
	CU_ASSERT_EQUAL(cfx_resolve(&f, "dev", 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "AKIDCONF");
	HS_ASSERT_STR_EQ(c->provider, "config-file");
	aws_credentials_release(c);
	/* the credentials file comes first */
	cfx_write(&f, "credentials", "[dev]\naws_access_key_id = AKIDCRED\n"
	    "aws_secret_access_key = s\n");
	CU_ASSERT_EQUAL(cfx_resolve(&f, "dev", 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "AKIDCRED");
	HS_ASSERT_STR_EQ(c->provider, "shared-credentials-file");
	aws_credentials_release(c);
	cfx_clear(&f);
}

static void
test_partial_keys(void)
{
	struct creds_fx f;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	cfx_init(&f);
	cfx_write(&f, "credentials", "[default]\naws_access_key_id = AKID\n");
	CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause), AWS_CREDS_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "no aws_secret_access_key"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, f.credentials_path));
	free(cause);
	cfx_clear(&f);
}

static void
test_not_found_lists_files(void)
{
	struct creds_fx f;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	cfx_init(&f);
	cfx_write(&f, "config", "[default]\nregion = us-east-1\n");
	CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause),
	    AWS_CREDS_NOT_FOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "environment variables"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "assume role"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "web identity"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "SSO"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "credential_process"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "container credentials"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "EC2 instance metadata"));
	{
		char *want = hs_xasprintf("shared credentials file '%s' (no "
		    "such profile)", f.credentials_path);

		CU_ASSERT_PTR_NOT_NULL(strstr(cause, want));
		free(want);
		want = hs_xasprintf("config file '%s' (no aws_access_key_id",
		    f.config_path);
		CU_ASSERT_PTR_NOT_NULL(strstr(cause, want));
		free(want);
	}
	free(cause);
	cfx_clear(&f);
}

static void
test_env_beats_profile(void)
{
	struct creds_fx f;
	struct aws_credentials *c = NULL;
	char *cause = NULL;

	cfx_init(&f);
	cfx_write(&f, "credentials", "[default]\naws_access_key_id = AKIDFILE\n"
	    "aws_secret_access_key = s\n[dev]\naws_access_key_id = AKIDDEV\n"
	    "aws_secret_access_key = s\n");
	cfx_setenv(&f, "AWS_ACCESS_KEY_ID", "AKIDENV");
	cfx_setenv(&f, "AWS_SECRET_ACCESS_KEY", SECRET);
	CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "AKIDENV");
	aws_credentials_release(c);
	/* AWS_PROFILE does not turn the environment keys off... */
	cfx_setenv(&f, "AWS_PROFILE", "dev");
	CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "AKIDENV");
	aws_credentials_release(c);
	/* ...--profile does */
	CU_ASSERT_EQUAL(cfx_resolve(&f, "dev", 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "AKIDDEV");
	aws_credentials_release(c);
	cfx_clear(&f);
}

static void
test_process_basic(void)
{
	struct creds_fx f;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *script, *conf;

	cfx_init(&f);
	script = cfx_script(&f, "creds helper.sh", "#!/bin/sh\n"
	    "test \"$1\" = 'two words' || { echo \"bad arg: $1\" >&2; exit 9; }\n"
	    "cat <<JSON\n{\"Version\": 1, \"AccessKeyId\": \"ASIAPROC\", "
	    "\"SecretAccessKey\": \"" SECRET "\", \"SessionToken\": \"ptok\", "
	    "\"Expiration\": \"2030-01-01T00:00:00Z\"}\nJSON\n");
	conf = hs_xasprintf("[default]\ncredential_process = \"%s\" "
	    "'two words'\naws_account_id = 210987654321\n", script);
	cfx_write(&f, "config", conf);
	CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause), AWS_CREDS_FOUND);
	if (c == NULL)
		printf("# %s\n", cause);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIAPROC");
	HS_ASSERT_STR_EQ(c->secret_access_key, SECRET);
	HS_ASSERT_STR_EQ(c->session_token, "ptok");
	HS_ASSERT_STR_EQ(c->provider, "custom-process");
	HS_ASSERT_STR_EQ(c->account_id, "210987654321");
	CU_ASSERT_EQUAL(c->expiration, 1893456000);
	aws_credentials_release(c);
	free(conf);
	free(script);
	cfx_clear(&f);
}

/* Run a credential_process script body; returns the status and cause. */
static enum aws_creds_status
run_process(const char *body, char **cause)
{
	struct creds_fx f;
	struct aws_credentials *c = NULL;
	char *script, *conf;
	enum aws_creds_status st;

	cfx_init(&f);
	script = cfx_script(&f, "helper.sh", body);
	conf = hs_xasprintf("[default]\ncredential_process = %s\n", script);
	cfx_write(&f, "config", conf);
	st = cfx_resolve(&f, NULL, 0, &c, cause);
	aws_credentials_release(c);
	free(conf);
	free(script);
	cfx_clear(&f);
	return st;
}

static void
test_process_errors(void)
{
	static const struct {
		const char *body;
		const char *want;
	} cases[] = {
		{ "#!/bin/sh\necho 'token expired, run sso login' >&2\nexit 3\n",
		    "failed (exit status 3): token expired, run sso login" },
		{ "#!/bin/sh\necho '{\"Version\": 2, \"AccessKeyId\": \"a\", "
		    "\"SecretAccessKey\": \"b\"}'\n", "supported version is 1" },
		{ "#!/bin/sh\necho '{\"AccessKeyId\": \"a\", "
		    "\"SecretAccessKey\": \"b\"}'\n", "Version '<missing>'" },
		{ "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"a\"}'\n",
		    "lack SecretAccessKey" },
		{ "#!/bin/sh\necho 'AKID SECRET'\n", "did not print JSON" },
		{ "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"a\", "
		    "\"SecretAccessKey\": \"b\", \"Expiration\": \"soon\"}'\n",
		    "invalid Expiration 'soon'" },
		{ "#!/bin/sh\nkill -TERM $$\n", "(signal 15)" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		char *cause = NULL;

		CU_ASSERT_EQUAL(run_process(cases[i].body, &cause),
		    AWS_CREDS_ERROR);
		if (cause == NULL || strstr(cause, cases[i].want) == NULL)
			printf("# case %zu: %s\n", i, cause);
		CU_ASSERT_PTR_NOT_NULL(cause ? strstr(cause, cases[i].want) :
		    NULL);
		free(cause);
	}
}

static void
test_process_expiration_honoured(void)
{
	struct creds_fx f;
	struct aws_credentials *c = NULL;
	struct aws_creds_chain *chain;
	char *cause = NULL, *script, *conf, *count;

	cfx_init(&f);
	count = hs_xasprintf("%s/count", f.home);
	script = cfx_script(&f, "helper.sh", "#!/bin/sh\necho x >> \"$1\"\n"
	    "n=$(wc -l < \"$1\")\necho \"{\\\"Version\\\": 1, \\\"AccessKeyId\\\": "
	    "\\\"ASIA$n\\\", \\\"SecretAccessKey\\\": \\\"s\\\", "
	    "\\\"Expiration\\\": \\\"2024-01-01T01:00:00Z\\\"}\"\n");
	conf = hs_xasprintf("[default]\ncredential_process = %s %s\n", script,
	    count);
	cfx_write(&f, "config", conf);
	chain = cfx_chain(&f, NULL);
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, 1704067200, &c, &cause),
	    AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIA1");
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, 1704067200 + 600, &c,
	    &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIA1");	/* still cached */
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(aws_creds_chain_get(chain, 1704067200 + 3500, &c,
	    &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->access_key_id, "ASIA2");	/* run again */
	aws_credentials_release(c);
	free(count);
	free(conf);
	free(script);
	cfx_clear(&f);
}

static void
test_profile_order(void)
{
	struct creds_fx f;
	struct aws_credentials *c = NULL;
	char *cause = NULL, *script, *conf;

	cfx_init(&f);
	script = cfx_script(&f, "helper.sh", "#!/bin/sh\necho '{\"Version\": 1, "
	    "\"AccessKeyId\": \"ASIAPROC\", \"SecretAccessKey\": \"s\"}'\n");
	/* credentials file, then credential_process, then config file keys */
	conf = hs_xasprintf("[default]\ncredential_process = %s\n"
	    "aws_access_key_id = AKIDCONF\naws_secret_access_key = s\n", script);
	cfx_write(&f, "config", conf);
	CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->provider, "custom-process");
	aws_credentials_release(c);
	cfx_write(&f, "credentials", "[default]\naws_access_key_id = AKIDCRED\n"
	    "aws_secret_access_key = s\n");
	CU_ASSERT_EQUAL(cfx_resolve(&f, NULL, 0, &c, &cause), AWS_CREDS_FOUND);
	HS_ASSERT_STR_EQ(c->provider, "shared-credentials-file");
	aws_credentials_release(c);
	free(conf);
	free(script);
	cfx_clear(&f);
}

static void
test_shlex_split(void)
{
	static const struct {
		const char *in;
		const char *want[4];
	} cases[] = {
		{ "a b  c", { "a", "b", "c", NULL } },
		{ "'/opt/my tool' --x", { "/opt/my tool", "--x", NULL } },
		{ "\"a \\\"q\\\" \\\\ \\n\" b", { "a \"q\" \\ \\n", "b", NULL } },
		{ "a\\ b 'c'\"d\"", { "a b", "cd", NULL } },
		{ "'' x", { "", "x", NULL } },
	};
	size_t i, j, argc;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		char **argv = creds_process_split(cases[i].in, &argc);

		CU_ASSERT_PTR_NOT_NULL_FATAL(argv);
		for (j = 0; cases[i].want[j] != NULL; j++)
			HS_ASSERT_STR_EQ(argv[j], cases[i].want[j]);
		CU_ASSERT_EQUAL(argc, j);
		for (j = 0; j < argc; j++)
			free(argv[j]);
		free(argv);
	}
	CU_ASSERT_PTR_NULL(creds_process_split("a 'b", &argc));
	CU_ASSERT_PTR_NULL(creds_process_split("a \"b", &argc));
	CU_ASSERT_PTR_NULL(creds_process_split("   ", &argc));
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case files[] = {
		{ "shared-credentials-file", test_shared_credentials_file },
		{ "config-file-keys", test_config_file_keys },
		{ "partial-keys", test_partial_keys },
		{ "not-found-lists-files", test_not_found_lists_files },
		{ "env-beats-profile", test_env_beats_profile },
		{ "profile-order", test_profile_order },
	};
	static const struct hs_unit_case process[] = {
		{ "basic", test_process_basic },
		{ "errors", test_process_errors },
		{ "expiration-honoured", test_process_expiration_honoured },
		{ "shlex-split", test_shlex_split },
	};

	hs_unit_add_table("creds-files", files, HS_ARRAY_SIZE(files));
	hs_unit_add_table("creds-process", process, HS_ARRAY_SIZE(process));
}
