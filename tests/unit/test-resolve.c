/*
 * test-resolve.c: where the profile and region come from (hs_resolve,
 * with a profile reader lent as the model operation lends its own), the
 * rules of a --sandbox session's settings, the environment of host
 * commands, and SIGTERM's flags.
 */
#include "hs-common.h"
#include "harness.h"
#include "commands.h"

#include <signal.h>

/* A fake of the AWS config files: profile "dev" with region eu-north-1,
 * "bare" without a region; any other named profile is missing. */
static unsigned reads;

static int
fake_profile_region(const struct hs_settings *s, char **region, char **cause)
{
	const char *p = s->profile ? s->profile : getenv("AWS_PROFILE");

	reads++;
	*region = NULL;
	if (p == NULL || strcmp(p, "dev") == 0) {
		*region = hs_xstrdup("eu-north-1");
		return 0;
	}
	if (strcmp(p, "bare") == 0)
		return 0;
	*cause = hs_xasprintf("The config profile (%s) could not be found", p);
	return -1;
}

static void
env_clear(void)
{
	unsetenv("AWS_PROFILE");
	unsetenv("AWS_DEFAULT_PROFILE");
	unsetenv("AWS_REGION");
	unsetenv("AWS_DEFAULT_REGION");
}

static void
test_profile_region(void)
{
	struct hs_settings s;
	struct hs_resolved r;

	env_clear();
	hs_settings_init(&s);
	hs_resolve(&s, &r);
	CU_ASSERT_PTR_NULL(r.region);
	hs_resolved_clear(&r);
	hs_resolve_set_profile_region(fake_profile_region);
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.region, "eu-north-1");
	HS_ASSERT_STR_EQ(r.region_source, "profile");
	CU_ASSERT_PTR_NULL(r.error);
	hs_resolved_clear(&r);
	s.profile = hs_xstrdup("bare");
	hs_resolve(&s, &r);
	CU_ASSERT_PTR_NULL(r.region);
	CU_ASSERT_PTR_NULL(r.error);
	hs_resolved_clear(&r);
	setenv("AWS_DEFAULT_REGION", "us-west-2", 1);
	free(s.profile);
	s.profile = hs_xstrdup("dev");
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.region, "us-west-2");
	HS_ASSERT_STR_EQ(r.region_source, "AWS_DEFAULT_REGION");
	hs_resolved_clear(&r);
	s.region = hs_xstrdup("ap-south-1");
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.region, "ap-south-1");
	HS_ASSERT_STR_EQ(r.region_source, "--region");
	hs_resolved_clear(&r);
	hs_settings_clear(&s);
	hs_resolve_set_profile_region(NULL);
	env_clear();
}

static void
test_missing_profile(void)
{
	struct hs_settings s;
	struct hs_resolved r;

	env_clear();
	hs_resolve_set_profile_region(fake_profile_region);
	hs_settings_init(&s);
	setenv("AWS_PROFILE", "nope", 1);
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.profile, "nope");
	CU_ASSERT_PTR_NULL(r.region);
	HS_ASSERT_STR_EQ(r.error, "The config profile (nope) could not be found");
	hs_resolved_clear(&r);
	/* a region given elsewhere is still known; the error stays */
	setenv("AWS_REGION", "eu-west-1", 1);
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.region, "eu-west-1");
	CU_ASSERT_PTR_NOT_NULL(r.error);
	hs_resolved_clear(&r);
	hs_settings_clear(&s);
	hs_resolve_set_profile_region(NULL);
	env_clear();
}

static void
test_sandbox_settings(void)
{
	const struct hs_option *profile = hs_option_find("--profile");
	const struct hs_option *endpoint = hs_option_find("--endpoint-url");
	const struct hs_option *region = hs_option_find("--region");
	struct hs_settings s, copy;
	struct hs_resolved r;
	char *msg;

	env_clear();
	hs_resolve_set_profile_region(fake_profile_region);
	reads = 0;
	hs_settings_init(&s);
	hs_settings_init(&copy);
	s.sandbox = true;
	s.access_key_id = hs_xstrdup("test");
	s.secret_access_key = hs_xstrdup("test");
	setenv("AWS_PROFILE", "nope", 1);
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.profile, "default");
	HS_ASSERT_STR_EQ(r.region, "us-east-1");
	CU_ASSERT_PTR_NULL(r.error);
	CU_ASSERT_EQUAL(reads, 0);	/* no config file is read */
	hs_resolved_clear(&r);
	setenv("AWS_REGION", "eu-west-1", 1);
	hs_resolve(&s, &r);
	HS_ASSERT_STR_EQ(r.region, "eu-west-1");
	hs_resolved_clear(&r);
	CU_ASSERT_EQUAL(hs_settings_apply(&s, profile, "prod"),
	    HS_OPT_SANDBOX_REFUSED);
	CU_ASSERT_EQUAL(hs_settings_apply(&s, endpoint, "http://x"),
	    HS_OPT_SANDBOX_REFUSED);
	CU_ASSERT_EQUAL(hs_settings_apply(&s, region, "us-west-2"), HS_OPT_OK);
	CU_ASSERT_PTR_NULL(s.profile);
	CU_ASSERT_PTR_NULL(s.endpoint_url);
	msg = hs_option_message(HS_OPT_SANDBOX_REFUSED, profile, "--profile",
	    "prod");
	HS_ASSERT_STR_EQ(msg, "option '--profile' cannot be used in a "
	    "--sandbox session: every request goes to the session's sandbox, "
	    "with its credentials");
	free(msg);
	hs_settings_copy(&copy, &s);
	CU_ASSERT_TRUE(copy.sandbox);
	HS_ASSERT_STR_EQ(copy.access_key_id, "test");
	HS_ASSERT_STR_EQ(copy.secret_access_key, "test");
	CU_ASSERT_PTR_NOT_EQUAL(copy.secret_access_key, s.secret_access_key);
	hs_settings_clear(&copy);
	CU_ASSERT_PTR_NULL(copy.secret_access_key);
	CU_ASSERT_FALSE(copy.sandbox);
	hs_settings_clear(&s);
	hs_resolve_set_profile_region(NULL);
	env_clear();
}

/* Run the dot command words through the dispatcher on session s. */
static int
run(struct hs_session *s, struct hs_error *err, const char *a,
    const char *b)
{
	char *words[] = { (char *)a, (char *)b, NULL };

	hs_error_clear(err);
	return hs_dispatch(s, words, b ? 2 : 1, NULL, 0, err);
}

static void
test_dot_commands(void)
{
	struct hs_session s;
	struct hs_error err = HS_ERROR_INIT;
	char *text = NULL;
	size_t len = 0;

	env_clear();
	hs_resolve_set_profile_region(fake_profile_region);
	hs_session_init(&s);
	s.out = open_memstream(&text, &len);
	CU_ASSERT_EQUAL(run(&s, &err, ".region", NULL), 0);
	CU_ASSERT_EQUAL(run(&s, &err, ".profile", "nope"), HS_EXIT_CONFIG);
	HS_ASSERT_STR_EQ(err.code, HS_ERR_CONFIG);
	HS_ASSERT_STR_EQ(err.message, "The config profile (nope) could not "
	    "be found");
	CU_ASSERT_PTR_NULL(s.settings.profile);	/* unchanged */
	CU_ASSERT_EQUAL(run(&s, &err, ".profile", "bare"), 0);
	HS_ASSERT_STR_EQ(s.settings.profile, "bare");
	setenv("AWS_PROFILE", "nope", 1);
	free(s.settings.profile);
	s.settings.profile = NULL;
	CU_ASSERT_EQUAL(run(&s, &err, ".region", NULL), HS_EXIT_CONFIG);
	setenv("AWS_REGION", "eu-west-1", 1);
	CU_ASSERT_EQUAL(run(&s, &err, ".region", NULL), 0);
	s.settings.sandbox = true;
	CU_ASSERT_EQUAL(run(&s, &err, ".profile", "dev"), HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(err.message, "a --sandbox session has no profiles: "
	    "it uses the sandbox's credentials");
	fflush(s.out);
	HS_ASSERT_STR_EQ(text, "eu-north-1\neu-west-1\n");
	hs_error_clear(&err);
	fclose(s.out);
	free(text);
	hs_session_clear(&s);
	hs_resolve_set_profile_region(NULL);
	env_clear();
}

static void
test_host_env(void)
{
	static const char *const drop[] = { "AWS_", NULL };
	static const char *const set[] = { "AWS_ACCESS_KEY_ID=test",
	    "AWS_ENDPOINT_URL=http://127.0.0.1:1", NULL };
	char *cause = NULL;

	CU_ASSERT_PTR_NULL(hs_host_env());
	setenv("AWS_PROFILE", "prod", 1);
	setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEY", 1);
	setenv("HS_TEST_KEEP", "kept", 1);
	hs_host_env_set(drop, set);
	CU_ASSERT_PTR_NOT_NULL(hs_host_env());
	CU_ASSERT_EQUAL(hs_run_host("test \"$AWS_ACCESS_KEY_ID\" = test && "
	    "test -z \"${AWS_PROFILE-}\" && test \"$HS_TEST_KEEP\" = kept && "
	    "test \"$AWS_ENDPOINT_URL\" = http://127.0.0.1:1", NULL, &cause), 0);
	hs_host_env_set(NULL, NULL);
	CU_ASSERT_PTR_NULL(hs_host_env());
	CU_ASSERT_EQUAL(hs_run_host("test \"$AWS_PROFILE\" = prod", NULL,
	    &cause), 0);
	free(cause);
	unsetenv("HS_TEST_KEEP");
	unsetenv("AWS_ACCESS_KEY_ID");
	env_clear();
}

static void
test_terminate_flags(void)
{
	CU_ASSERT_EQUAL(hs_terminated(), 0);
	hs_terminate_install();
	raise(SIGTERM);
	CU_ASSERT_EQUAL(hs_terminated(), SIGTERM);
	CU_ASSERT_TRUE(hs_interrupted());
	hs_interrupt_clear();
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case tests[] = {
		{ "profile-region", test_profile_region },
		{ "missing-profile", test_missing_profile },
		{ "sandbox-settings", test_sandbox_settings },
		{ "dot-commands", test_dot_commands },
		{ "host-env", test_host_env },
		{ "terminate-flags", test_terminate_flags },
	};

	hs_unit_add_table("resolve", tests, HS_ARRAY_SIZE(tests));
}
