/*
 * test-policy-cmd.c: the parts of the `policy` commands below the
 * command line: JSON printed as the AWS CLI prints it, the metadata read
 * from the head of a model file, which actions the installed models
 * define (with models of our own through HIPAA_SHELL_MODEL_PATH), and
 * how a policy document argument is read and parsed.
 */
#include "hs-common.h"
#include "harness.h"
#include "commands-int.h"
#include "aws/model.h"

#include <sys/stat.h>
#include <zlib.h>

/* Print v to a string (caller frees). */
static char *
printed(const cJSON *v)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	hs_json_print(mem, v);
	fclose(mem);
	return text;
}

/* The text that Python's json.dumps(v, indent=4, ensure_ascii=False)
 * gives, as the AWS CLI prints it. */
static void
test_json_print(void)
{
	cJSON *v = cJSON_Parse("{\"a\":\"q\\\"b\\\\s\\nn\\tt\\u0001\\b\\fc \xc3\xa9\","
	    "\"n\":[1,-2,0.5,1e20],\"e\":[],\"o\":{},\"t\":true,\"f\":false,"
	    "\"z\":null,\"nest\":{\"x\":[{\"y\":1}]}}");
	char *s = printed(v);

	HS_ASSERT_STR_EQ(s, "{\n"
	    "    \"a\": \"q\\\"b\\\\s\\nn\\tt\\u0001\\b\\fc \xc3\xa9\",\n"
	    "    \"n\": [\n        1,\n        -2,\n        0.5,\n"
	    "        1e+20\n    ],\n"
	    "    \"e\": [],\n    \"o\": {},\n    \"t\": true,\n"
	    "    \"f\": false,\n    \"z\": null,\n"
	    "    \"nest\": {\n        \"x\": [\n            {\n"
	    "                \"y\": 1\n            }\n        ]\n    }\n}\n");
	free(s);
	cJSON_Delete(v);
	v = cJSON_CreateArray();
	s = printed(v);
	HS_ASSERT_STR_EQ(s, "[]\n");
	free(s);
	cJSON_Delete(v);
}

/* The metadata object is found in the head of a model, braces and
 * quotes inside its strings notwithstanding; a cut-off one is not. */
static void
test_metadata_head(void)
{
	static const char head[] = "{\"version\":\"2.0\",\"metadata\":{"
	    "\"odd\":\"}\\\"{\",\"protocols\":[\"json\"],\"signingName\":\"x\","
	    "\"nested\":{\"a\":{}}},\"operations\":{\"A\":{}";
	const char *obj = strchr(head + 2, '{');
	cJSON *m;

	CU_ASSERT_EQUAL(models_object_length("{\"a\":\"}\"}", 9), 9);
	CU_ASSERT_EQUAL(models_object_length("{\"a\":\"\\\"}\"", 10), 0);
	CU_ASSERT_EQUAL(models_object_length("{{}", 3), 0);
	CU_ASSERT_EQUAL(models_object_length(obj, strlen(obj)),
	    strlen(obj) - strlen(",\"operations\":{\"A\":{}"));
	m = models_metadata_in(head, strlen(head));
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(m, "signingName")->valuestring,
	    "x");
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(m, "odd")->valuestring, "}\"{");
	cJSON_Delete(m);
	CU_ASSERT_PTR_NULL(models_metadata_in(head, 40));
	CU_ASSERT_PTR_NULL(models_metadata_in("{\"version\":\"2.0\"}", 17));
}

/* Write text to dir/name (folders made), gzipped when name ends .gz. */
static void
write_model(const char *dir, const char *rel, const char *text)
{
	char *path = hs_xasprintf("%s/%s", dir, rel), *p;

	for (p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	if (hs_ends_with(path, ".gz")) {
		gzFile g = gzopen(path, "wb");

		CU_ASSERT_EQUAL(gzwrite(g, text, (unsigned)strlen(text)),
		    (int)strlen(text));
		gzclose(g);
	} else {
		FILE *fp = fopen(path, "w");

		fputs(text, fp);
		fclose(fp);
	}
	free(path);
}

/* A minimal service description with metadata and operations. */
static char *
model_text(const char *meta, const char *ops)
{
	return hs_xasprintf("{\"version\":\"2.0\",\"metadata\":{\"apiVersion\":"
	    "\"2020-01-01\",\"protocol\":\"json\",\"jsonVersion\":\"1.1\","
	    "\"serviceId\":\"Fake\",\"signatureVersion\":\"v4\","
	    "\"targetPrefix\":\"Fake\"%s},\"operations\":{%s},\"shapes\":{}}",
	    meta, ops);
}

/* Install three fake services in a folder of the model search path. */
static char *
fake_models(void)
{
	char *dir = hs_xasprintf("%s/models", hs_unit_tmpdir()), *t;

	mkdir(dir, 0700);
	t = model_text(",\"endpointPrefix\":\"hsold\"",
	    "\"DoThing\":{\"name\":\"DoThing\",\"http\":{\"method\":\"POST\","
	    "\"requestUri\":\"/\"}}");
	write_model(dir, "hsfake/2019-01-01/service-2.json", t);
	free(t);
	t = model_text(",\"endpointPrefix\":\"hsfake\"",
	    "\"DoThing\":{\"name\":\"DoThing\",\"http\":{\"method\":\"POST\","
	    "\"requestUri\":\"/\"}},\"DoNewThing\":{\"name\":\"DoNewThing\","
	    "\"http\":{\"method\":\"POST\",\"requestUri\":\"/\"}}");
	write_model(dir, "hsfake/2020-01-01/service-2.json", t);
	free(t);
	t = model_text(",\"endpointPrefix\":\"hsfake-ep\",\"signingName\":"
	    "\"hsfakesign\"", "\"OtherOp\":{\"name\":\"OtherOp\",\"http\":"
	    "{\"method\":\"POST\",\"requestUri\":\"/\"}}");
	write_model(dir, "hsfakev2/2021-01-01/service-2.json.gz", t);
	free(t);
	return dir;
}

/* A prefix finds services by folder, signing name and endpoint prefix;
 * the newest api version counts (the older one's endpoint prefix is
 * gone); wildcards match operations. */
static void
test_action_models(void)
{
	char *dir = fake_models();
	struct hs_action_models *m;

	setenv("HIPAA_SHELL_MODEL_PATH", dir, 1);
	m = hs_action_models_new();
	CU_ASSERT_EQUAL(hs_action_models_check(m, "hsfake", "DoThing"),
	    POLICY_ACTION_KNOWN);
	CU_ASSERT_EQUAL(hs_action_models_check(m, "HSFake", "donewthing"),
	    POLICY_ACTION_KNOWN);
	CU_ASSERT_EQUAL(hs_action_models_check(m, "hsfake", "Do*Thing"),
	    POLICY_ACTION_KNOWN);
	CU_ASSERT_EQUAL(hs_action_models_check(m, "hsfake", "Undo*"),
	    POLICY_ACTION_UNKNOWN);
	CU_ASSERT_EQUAL(hs_action_models_check(m, "hsfakesign", "OtherOp"),
	    POLICY_ACTION_KNOWN);
	CU_ASSERT_EQUAL(hs_action_models_check(m, "hsfake-ep", "OtherOp"),
	    POLICY_ACTION_KNOWN);
	CU_ASSERT_EQUAL(hs_action_models_check(m, "hsfake-ep", "DoThing"),
	    POLICY_ACTION_UNKNOWN);
	CU_ASSERT_EQUAL(hs_action_models_check(m, "hsnosuchservice", "X"),
	    POLICY_ACTION_NO_SERVICE);
	CU_ASSERT_EQUAL(hs_action_models_check(m, "hsold", "DoThing"),
	    POLICY_ACTION_NO_SERVICE);
	hs_action_models_free(m);
	unsetenv("HIPAA_SHELL_MODEL_PATH");
	aws_model_cache_clear();
	free(dir);
}

/* A context good enough for hs_policy_load(). */
static void
ctx_init(struct hs_ctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
}

/* JSON text, file://, a bare name, a missing file, a document of the
 * wrong kind: each gives the status and message the man page says. */
static void
test_policy_load(void)
{
	static const char allow[] = "{\"Version\":\"2012-10-17\",\"Statement\":"
	    "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}";
	char *path = hs_xasprintf("%s/p.json", hs_unit_tmpdir()), *file;
	struct policy *p = NULL;
	struct hs_ctx ctx;
	FILE *fp = fopen(path, "w");

	fputs(allow, fp);
	fclose(fp);
	ctx_init(&ctx);
	CU_ASSERT_EQUAL(hs_policy_load(&ctx, allow, HS_POLICY_ANY, "Lit", &p), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	HS_ASSERT_STR_EQ(policy_get_id(p), "Lit");
	CU_ASSERT_EQUAL(policy_get_type(p), POLICY_IDENTITY);
	policy_free(p);
	file = hs_xasprintf("file://%s", path);
	CU_ASSERT_EQUAL(hs_policy_load(&ctx, file, HS_POLICY_ANY, "Lit", &p), 0);
	HS_ASSERT_STR_EQ(policy_get_id(p), path);
	policy_free(p);
	CU_ASSERT_EQUAL(hs_policy_load(&ctx, file, HS_POLICY_RESOURCE, "R",
	    &p), HS_EXIT_USAGE);
	CU_ASSERT_PTR_NULL(p);
	HS_ASSERT_STR_EQ(ctx.error.code, HS_ERR_MALFORMED_POLICY);
	CU_ASSERT(hs_starts_with(ctx.error.message, "malformed policy '"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ctx.error.message, "Principal"));
	CU_ASSERT_EQUAL(hs_policy_load(&ctx, "p.json", HS_POLICY_ANY, "L", &p),
	    HS_EXIT_USAGE);
	HS_ASSERT_STR_EQ(ctx.error.message, "'p.json' is no policy document; "
	    "to read the file, write file://p.json");
	CU_ASSERT_EQUAL(hs_policy_load(&ctx, "file:///no/such.json",
	    HS_POLICY_ANY, "L", &p), HS_EXIT_GENERAL);
	HS_ASSERT_STR_EQ(ctx.error.code, HS_ERR_FILE);
	HS_ASSERT_STR_EQ(ctx.error.message, "cannot read policy "
	    "'/no/such.json': No such file or directory");
	hs_error_clear(&ctx.error);
	unlink(path);
	free(file);
	free(path);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case tests[] = {
		{ "json-print", test_json_print },
		{ "metadata-head", test_metadata_head },
		{ "action-models", test_action_models },
		{ "policy-load", test_policy_load },
	};

	hs_unit_add_table("policy-cmd", tests, HS_ARRAY_SIZE(tests));
}
