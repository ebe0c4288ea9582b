/*
 * test-config.c: parsing ~/.aws/config and ~/.aws/credentials as the AWS
 * CLI does. The expected profile maps of the first table are what
 * botocore 1.43's configloader.load_config() returned for the same text
 * (rendered as JSON with sorted keys), so each case is a difference with
 * botocore if it fails.
 */
#include "hs-common.h"
#include "harness.h"
#include "aws/config.h"
#include "config-int.h"
#include "config-json.h"

#include <cjson/cJSON.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

/* Write text to a file of the test's temporary folder. */
static char *
write_tmp(const char *name, const char *text)
{
	char *path = hs_xasprintf("%s/%s", hs_unit_tmpdir(), name);
	FILE *f = fopen(path, "wb");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Load a config text with no credentials file. */
static struct aws_config *
load_text(const char *config, const char *credentials, char **cause)
{
	char *cp = write_tmp("config", config);
	char *kp = credentials ? write_tmp("credentials", credentials) :
	    hs_xasprintf("%s/none", hs_unit_tmpdir());
	struct aws_config *cfg = NULL;

	*cause = NULL;
	aws_config_load(&cfg, cp, kp, cause);
	free(cp);
	free(kp);
	return cfg;
}

static const struct { const char *name, *text, *botocore; } boto[] = {
	{ "comments",
	  "# c\n; c\n[default]\n  # indented comment\nregion = us-west-2 # "
	  "not a comment\noutput = json;x\n",
	  "{\"profiles\":{\"default\":{\"output\":\"json;x\",\"region\":\"u"
	  "s-west-2 # not a comment\"}},\"services\":{},\"sso_sessions\":{}"
	  "}" },
	{ "keycase",
	  "[default]\nRegion = x\nOUTPUT:text\n",
	  "{\"profiles\":{\"default\":{\"output\":\"text\",\"region\":\"x\""
	  "}},\"services\":{},\"sso_sessions\":{}}" },
	{ "ws",
	  "[default]\n\tregion\t=\tus-east-2\t\n   output   :   json   \n",
	  "{\"profiles\":{\"default\":{\"region\":\"us-east-2\\noutput   : "
	  "  json\"}},\"services\":{},\"sso_sessions\":{}}" },
	{ "nested",
	  "[default]\ns3 =\n  addressing_style = path\n  max_concurrent_req"
	  "uests=20\nregion=x\n",
	  "{\"profiles\":{\"default\":{\"region\":\"x\",\"s3\":{\"addressin"
	  "g_style\":\"path\",\"max_concurrent_requests\":\"20\"}}},\"servi"
	  "ces\":{},\"sso_sessions\":{}}" },
	{ "nested_blank",
	  "[default]\ns3 =\n\n    addressing_style = virtual\n\n    Use_Acc"
	  "elerate_Endpoint = true\nregion = y\n",
	  "{\"profiles\":{\"default\":{\"region\":\"y\",\"s3\":{\"Use_Accel"
	  "erate_Endpoint\":\"true\",\"addressing_style\":\"virtual\"}}},\""
	  "services\":{},\"sso_sessions\":{}}" },
	{ "multiline",
	  "[default]\nfoo = a\n  b\n\n  c\nbar = 1\n",
	  "{\"profiles\":{\"default\":{\"bar\":\"1\",\"foo\":\"a\\nb\\n\\nc"
	  "\"}},\"services\":{},\"sso_sessions\":{}}" },
	{ "headers",
	  "[profile  dev]\na=1\n[profile \"my dev\"]\na=2\n[profiledev]\na="
	  "3\n[profile a b]\na=4\n[ default ]\na=5\n[default] trailing\na=6"
	  "\n[profile x]]\na=7\n[profiles p]\na=8\n[profile 'unterminated]"
	  "\na=9\n",
	  "{\" default \":{\"a\":\"5\"},\"profiles\":{\"default\":{\"a\":\""
	  "6\"},\"dev\":{\"a\":\"1\"},\"my dev\":{\"a\":\"2\"},\"p\":{\"a\""
	  ":\"8\"},\"x]\":{\"a\":\"7\"}},\"services\":{},\"sso_sessions\":{"
	  "}}" },
	{ "dup_default",
	  "[default]\nregion=a\nx=1\n[profile default]\nregion=b\n",
	  "{\"profiles\":{\"default\":{\"region\":\"b\"}},\"services\":{},"
	  "\"sso_sessions\":{}}" },
	{ "DEFAULT",
	  "[DEFAULT]\nregion = d\ns3 =\n  addressing_style = path\n[profile"
	  " a]\n[profile b]\nregion = b\n",
	  "{\"profiles\":{\"a\":{\"region\":\"d\",\"s3\":{\"addressing_styl"
	  "e\":\"path\"}},\"b\":{\"region\":\"b\",\"s3\":{\"addressing_styl"
	  "e\":\"path\"}}},\"services\":{},\"sso_sessions\":{}}" },
	{ "delims",
	  "[default]\nendpoint_url = http://localhost:4566/?a=b\nkey: va:lu"
	  "e = x\n",
	  "{\"profiles\":{\"default\":{\"endpoint_url\":\"http://localhost:"
	  "4566/?a=b\",\"key\":\"va:lue = x\"}},\"services\":{},\"sso_sessi"
	  "ons\":{}}" },
	{ "crlf",
	  "[default]\r\nregion = eu-west-1\r\ns3 =\r\n  addressing_style = "
	  "path\r\n",
	  "{\"profiles\":{\"default\":{\"region\":\"eu-west-1\",\"s3\":{\"a"
	  "ddressing_style\":\"path\"}}},\"services\":{},\"sso_sessions\":{"
	  "}}" },
	{ "indented_opt",
	  "[default]\n  region = a\n  output = b\n",
	  "{\"profiles\":{\"default\":{\"output\":\"b\",\"region\":\"a\"}},"
	  "\"services\":{},\"sso_sessions\":{}}" },
	{ "sso",
	  "[sso-session my-sso]\nsso_region = us-east-1\n[services local]\n"
	  "s3 =\n  endpoint_url = http://127.0.0.1:4566\n[profile dev]\nser"
	  "vices = local\nsso_session = my-sso\n",
	  "{\"profiles\":{\"dev\":{\"services\":\"local\",\"sso_session\":"
	  "\"my-sso\"}},\"services\":{\"local\":{\"s3\":{\"endpoint_url\":"
	  "\"http://127.0.0.1:4566\"}}},\"sso_sessions\":{\"my-sso\":{\"sso"
	  "_region\":\"us-east-1\"}}}" },
	{ "emptyval",
	  "[default]\nregion =\ncli_pager=\n",
	  "{\"profiles\":{\"default\":{\"cli_pager\":\"\",\"region\":\"\"}}"
	  ",\"services\":{},\"sso_sessions\":{}}" },
	{ "cont_after_header",
	  "[default]\n   region = a\nfoo=1\n",
	  "{\"profiles\":{\"default\":{\"foo\":\"1\",\"region\":\"a\"}},\"s"
	  "ervices\":{},\"sso_sessions\":{}}" },
	{ "dup_default_sections",
	  "[DEFAULT]\na=1\n[DEFAULT]\nb=2\n[x]\n",
	  "{\"profiles\":{},\"services\":{},\"sso_sessions\":{},\"x\":{\"a"
	  "\":\"1\",\"b\":\"2\"}}" },
};

static void
test_like_botocore(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(boto); i++) {
		char *cause = NULL;
		struct aws_config *cfg = load_text(boto[i].text, NULL, &cause);
		cJSON *want = cJSON_Parse(boto[i].botocore), *got;
		char *text;

		CU_ASSERT_PTR_NOT_NULL_FATAL(want);
		if (cfg == NULL) {
			printf("# %s: %s\n", boto[i].name, cause);
			CU_FAIL("load failed");
			free(cause);
			cJSON_Delete(want);
			continue;
		}
		got = config_json(cfg);
		if (!cJSON_Compare(want, got, true)) {
			text = cJSON_PrintUnformatted(got);
			printf("# %s\n#  botocore: %s\n#  ours:     %s\n",
			    boto[i].name, boto[i].botocore, text);
			free(text);
			CU_FAIL(boto[i].name);
		}
		cJSON_Delete(want);
		cJSON_Delete(got);
		aws_config_free(cfg);
	}
}

static void
test_errors(void)
{
	static const struct { const char *text; unsigned line;
		const char *msg; } cases[] = {
		{ "region = x\n[default]\n", 1, "outside any section" },
		{ "[default]\nregion\n", 2, "expected 'key = value'" },
		{ "[default]\na=1\n[default]\nb=2\n", 3,
		  "section [default] appears twice (first at line 1)" },
		{ "[default]\na=1\nA=2\n", 3,
		  "'a' appears twice in [default] (first at line 2)" },
		{ "[DEFAULT]\na=1\n[DEFAULT]\nA=2\n", 4,
		  "'a' appears twice in [DEFAULT]" },
		{ "[default]\ns3 =\n  addressing_style: path\n", 3,
		  "line of the 's3' sub-section" },
		{ "[default]\n= x\n", 2, "no key" },
		{ "[]\n", 1, "outside any section" },
		{ "[default]\nregion = \xff\xfe\n", 2, "not valid UTF-8" },
		{ "\n\n# ok\n[default]\nok = 1\n\n[x\n", 7,
		  "expected 'key = value'" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		char *cause = NULL, *want;
		struct aws_config *cfg = load_text(cases[i].text, NULL, &cause);

		CU_ASSERT_PTR_NULL(cfg);
		CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
		want = hs_xasprintf("%s/config:%u: ", hs_unit_tmpdir(),
		    cases[i].line);
		if (!hs_starts_with(cause, want) ||
		    strstr(cause, cases[i].msg) == NULL) {
			printf("# case %zu: got '%s'\n", i, cause);
			CU_FAIL("error message");
		}
		free(want);
		free(cause);
		aws_config_free(cfg);
	}
}

static void
test_errors_hide_secrets(void)
{
	char *cause = NULL;
	struct aws_config *cfg = load_text("[default]\n", "[default]\n"
	    "aws_access_key_id = AKID\naws_secret_access_key wJalrSECRET\n",
	    &cause);

	CU_ASSERT_PTR_NULL(cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "/credentials:3: "));
	CU_ASSERT_PTR_NULL(strstr(cause, "wJalrSECRET"));
	free(cause);
}

static void
test_credentials_merge(void)
{
	char *cause = NULL;
	struct aws_config *cfg = load_text("[profile dev]\nregion = a\n"
	    "output = json\n[default]\nregion = c\n", "[dev]\nregion = b\n"
	    "aws_access_key_id = AKID\n[profile dev]\nx = 1\n[only-creds]\n",
	    &cause);
	struct aws_config_origin o;
	const char **names;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg);
	/* The credentials file wins, key by key. */
	HS_ASSERT_STR_EQ(aws_config_get(cfg, "dev", "region", &o), "b");
	CU_ASSERT(hs_ends_with(o.file, "/credentials"));
	CU_ASSERT_EQUAL(o.line, 2);
	HS_ASSERT_STR_EQ(o.section, "dev");
	HS_ASSERT_STR_EQ(aws_config_get(cfg, "dev", "output", &o), "json");
	CU_ASSERT(hs_ends_with(o.file, "/config"));
	HS_ASSERT_STR_EQ(o.section, "profile dev");
	CU_ASSERT_EQUAL(o.line, 3);
	HS_ASSERT_STR_EQ(aws_config_file_get(cfg, AWS_CONFIG_KIND_CONFIG,
	    "dev", "region", NULL), "a");
	CU_ASSERT_PTR_NULL(aws_config_file_get(cfg, AWS_CONFIG_KIND_CONFIG,
	    "dev", "aws_access_key_id", NULL));
	CU_ASSERT_PTR_NULL(aws_config_get(cfg, "dev", "nothing", NULL));
	/* "[profile dev]" in the credentials file is a profile of that name. */
	CU_ASSERT(aws_config_has_profile(cfg, "profile dev"));
	CU_ASSERT(aws_config_has_profile(cfg, "only-creds"));
	CU_ASSERT(!aws_config_has_profile(cfg, "nope"));
	CU_ASSERT(aws_config_file_has_profile(cfg, AWS_CONFIG_KIND_CREDENTIALS,
	    "dev"));
	CU_ASSERT(!aws_config_file_has_profile(cfg,
	    AWS_CONFIG_KIND_CREDENTIALS, "default"));
	n = aws_config_profile_names(cfg, &names);
	CU_ASSERT_EQUAL_FATAL(n, 4);
	HS_ASSERT_STR_EQ(names[0], "default");
	HS_ASSERT_STR_EQ(names[1], "dev");
	HS_ASSERT_STR_EQ(names[2], "only-creds");
	HS_ASSERT_STR_EQ(names[3], "profile dev");
	CU_ASSERT_PTR_NULL(names[4]);
	free(names);
	aws_config_free(cfg);
}

static void
test_subsections(void)
{
	char *cause = NULL;
	struct aws_config *cfg = load_text("[sso-session my-sso]\n"
	    "sso_region = us-east-1\n[services local]\ns3 =\n"
	    "  endpoint_url = http://127.0.0.1:4566\n[profile dev]\n"
	    "services = local\ns3 =\n  addressing_style = path\n", NULL,
	    &cause);
	struct aws_config_origin o;

	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg);
	HS_ASSERT_STR_EQ(aws_config_get_sub(cfg, "dev", "s3",
	    "addressing_style", &o), "path");
	CU_ASSERT_EQUAL(o.line, 9);
	/* A sub-section is not a value, and a value has no sub-keys. */
	CU_ASSERT_PTR_NULL(aws_config_get(cfg, "dev", "s3", NULL));
	CU_ASSERT_PTR_NULL(aws_config_get_sub(cfg, "dev", "services", "x",
	    NULL));
	CU_ASSERT(aws_config_has_services(cfg, "local"));
	HS_ASSERT_STR_EQ(aws_config_services_get(cfg, "local", "s3",
	    "endpoint_url", &o), "http://127.0.0.1:4566");
	CU_ASSERT_EQUAL(o.line, 5);
	HS_ASSERT_STR_EQ(o.section, "services local");
	CU_ASSERT(aws_config_has_sso_session(cfg, "my-sso"));
	HS_ASSERT_STR_EQ(aws_config_sso_session_get(cfg, "my-sso",
	    "sso_region", NULL), "us-east-1");
	CU_ASSERT(!aws_config_has_sso_session(cfg, "other"));
	aws_config_free(cfg);
}

static void
test_missing_files(void)
{
	struct aws_config *cfg = NULL;
	char *cause = NULL;

	CU_ASSERT_EQUAL(aws_config_load(&cfg, "/nonexistent/config",
	    hs_unit_tmpdir(), &cause), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg);
	CU_ASSERT(!aws_config_found(cfg, AWS_CONFIG_KIND_CONFIG));
	CU_ASSERT(!aws_config_found(cfg, AWS_CONFIG_KIND_CREDENTIALS));
	CU_ASSERT(!aws_config_has_profile(cfg, "default"));
	HS_ASSERT_STR_EQ(aws_config_path(cfg, AWS_CONFIG_KIND_CONFIG),
	    "/nonexistent/config");
	aws_config_free(cfg);
}

static void
test_unreadable_file(void)
{
	char *path = write_tmp("config", "[default]\n"), *cause = NULL;
	char *loop = hs_xasprintf("%s/loop", hs_unit_tmpdir());
	struct aws_config *cfg = NULL;

	/* A file that exists but cannot be opened is an error, not empty. */
	CU_ASSERT_EQUAL_FATAL(symlink(loop, loop), 0);
	CU_ASSERT_EQUAL(aws_config_load(&cfg, loop, "/nonexistent", &cause),
	    -1);
	CU_ASSERT(cause && hs_starts_with(cause, "cannot read '"));
	CU_ASSERT_PTR_NULL(cfg);
	free(cause);
	cause = NULL;
	/* Permissions (root reads everything, so only as a user). */
	if (geteuid() != 0) {
		chmod(path, 0);
		CU_ASSERT_EQUAL(aws_config_load(&cfg, "/nonexistent", path,
		    &cause), -1);
		CU_ASSERT(cause && strstr(cause, "Permission denied") != NULL);
		free(cause);
	}
	free(loop);
	free(path);
}

static void
test_shlex(void)
{
	static const struct { const char *in; int rc; size_t n;
		const char *second; } cases[] = {
		{ "profile dev", 0, 2, "dev" },
		{ "profile   dev  ", 0, 2, "dev" },
		{ "profile \"my dev\"", 0, 2, "my dev" },
		{ "profile 'a \"b'", 0, 2, "a \"b" },
		{ "profile a\\ b", 0, 2, "a b" },
		{ "profile \"a\\\"b\"", 0, 2, "a\"b" },
		{ "profile \"\"", 0, 2, "" },
		{ "profile a b", 0, 3, "a" },
		{ "profile \"unterminated", -1, 0, NULL },
		{ "profile a\\", -1, 0, NULL },
	};
	size_t i, n;
	char **w;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		CU_ASSERT_EQUAL(aws_config_shlex(cases[i].in, &w, &n),
		    cases[i].rc);
		CU_ASSERT_EQUAL(n, cases[i].n);
		if (cases[i].second != NULL && n >= 2)
			HS_ASSERT_STR_EQ(w[1], cases[i].second);
		aws_config_shlex_free(w, n);
	}
}

/* A fake environment: NULL-terminated name/value pairs. */
static const char *
fake_get(void *arg, const char *name)
{
	const char *const *kv = arg;

	for (; kv[0] != NULL; kv += 2)
		if (strcmp(kv[0], name) == 0)
			return kv[1];
	return NULL;
}

static void
test_paths(void)
{
	struct passwd *pw = getpwuid(0);
	char *user = pw ? hs_xasprintf("~%s/x", pw->pw_name) : NULL;
	char *root = pw ? hs_xasprintf("%s/x", strcmp(pw->pw_dir, "/") ?
	    pw->pw_dir : "") : NULL;
	const char *vars[] = { "HOME", "/h/", "XDG", "/x", "E", "", NULL };
	struct aws_env env = { fake_get, vars };
	static const struct { const char *in, *want; } cases[] = {
		{ "~/.aws/config", "/h/.aws/config" },
		{ "~", "/h" },
		{ "$XDG/aws", "/x/aws" },
		{ "${XDG}/aws", "/x/aws" },
		{ "$NOPE/a", "$NOPE/a" },
		{ "${NOPE}/a", "${NOPE}/a" },
		{ "/a/$E/b", "/a//b" },
		{ "~nosuchuser-hs/x", "~nosuchuser-hs/x" },
		{ "/plain", "/plain" },
	};
	char *s, *c, *k;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		s = aws_config_expand_path(&env, cases[i].in);
		HS_ASSERT_STR_EQ(s, cases[i].want);
		free(s);
	}
	if (user != NULL) {
		s = aws_config_expand_path(&env, user);
		HS_ASSERT_STR_EQ(s, root);
		free(s);
	}
	aws_config_paths(&env, &c, &k);
	HS_ASSERT_STR_EQ(c, "/h/.aws/config");
	HS_ASSERT_STR_EQ(k, "/h/.aws/credentials");
	free(c);
	free(k);
	free(user);
	free(root);
}

static void
test_paths_from_env(void)
{
	const char *vars[] = { "HOME", "/h", "AWS_CONFIG_FILE", "~/cfg",
		"AWS_SHARED_CREDENTIALS_FILE", "$HOME/creds", NULL };
	const char *empty[] = { "HOME", "/h", "AWS_CONFIG_FILE", "", NULL };
	struct aws_env env = { fake_get, vars }, env2 = { fake_get, empty };
	char *c, *k;

	aws_config_paths(&env, &c, &k);
	HS_ASSERT_STR_EQ(c, "/h/cfg");
	HS_ASSERT_STR_EQ(k, "/h/creds");
	free(c);
	free(k);
	aws_config_paths(&env2, &c, &k);
	HS_ASSERT_STR_EQ(c, "/h/.aws/config");
	free(c);
	free(k);
}

static void
test_load_env(void)
{
	char *cp = write_tmp("cfg", "[profile x]\nregion = r\n");
	const char *vars[] = { "HOME", "/nonexistent", "AWS_CONFIG_FILE", cp,
		NULL };
	struct aws_env env = { fake_get, vars };
	struct aws_config *cfg = NULL;
	char *cause = NULL;

	CU_ASSERT_EQUAL_FATAL(aws_config_load_env(&cfg, &env, &cause), 0);
	HS_ASSERT_STR_EQ(aws_config_get(cfg, "x", "region", NULL), "r");
	HS_ASSERT_STR_EQ(aws_config_path(cfg, AWS_CONFIG_KIND_CREDENTIALS),
	    "/nonexistent/.aws/credentials");
	aws_config_free(cfg);
	free(cp);
}

static const struct hs_unit_case cases[] = {
	{ "like-botocore", test_like_botocore },
	{ "errors", test_errors },
	{ "errors-hide-secrets", test_errors_hide_secrets },
	{ "credentials-merge", test_credentials_merge },
	{ "subsections", test_subsections },
	{ "missing-files", test_missing_files },
	{ "unreadable-file", test_unreadable_file },
	{ "shlex", test_shlex },
	{ "paths", test_paths },
	{ "paths-from-env", test_paths_from_env },
	{ "load-env", test_load_env },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("config", cases, HS_ARRAY_SIZE(cases));
}
