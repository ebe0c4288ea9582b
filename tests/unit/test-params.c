/*
 * test-params.c: CLI arguments to an operation's input - the argument
 * table with the AWS CLI's customizations, argparse's reading of the
 * words, every shape type's conversion, file:// and fileb://,
 * --cli-input-json, paging arguments, and the checks made before
 * anything is sent. Error texts are the AWS CLI v2's where it has one.
 */
#include "test-op-util.h"

#include <stdarg.h>

/* Words as a NULL-terminated list of literals. */
#define W(...) ((const char *const[]){ __VA_ARGS__, NULL })

static size_t
count(const char *const *w)
{
	size_t n = 0;

	while (w[n] != NULL)
		n++;
	return n;
}

/* Parse and build an input; 0 or -1 with *cause. */
static int
build(const struct aws_operation *op, const char *const *words,
    const struct hs_input_opts *o, struct hs_op_input *out, char **cause)
{
	struct hs_input_opts dflt = { true, false };
	struct hs_param_table t;
	struct hs_parsed p = { NULL, 0, false };
	int rc;

	memset(out, 0, sizeof *out);
	hs_param_table_build(op, &t);
	rc = hs_params_parse(&t, (char *const *)words, count(words), &p, cause);
	if (rc == 0)
		rc = hs_params_input(&t, &p, o ? o : &dflt, out, cause);
	hs_parsed_clear(&p);
	hs_param_table_clear(&t);
	return rc;
}

/* Expect words to build exactly the input json. */
static void
expect_input(const struct aws_operation *op, const char *const *words,
    const struct hs_input_opts *o, const char *json)
{
	struct hs_op_input in;
	char *cause = NULL;

	if (build(op, words, o, &in, &cause) < 0)
		printf("# %s: %s\n", words[0] ? words[0] : "", cause);
	CU_ASSERT_PTR_NULL(cause);
	CU_ASSERT(op_json_eq(in.input, json));
	free(cause);
	hs_op_input_clear(&in);
}

/* Expect words to be refused with exactly the message want. */
static void
expect_error(const struct aws_operation *op, const char *const *words,
    const struct hs_input_opts *o, const char *want)
{
	struct hs_op_input in;
	char *cause = NULL;

	CU_ASSERT_EQUAL(build(op, words, o, &in, &cause), -1);
	if (cause == NULL || strcmp(cause, want) != 0)
		printf("# want: %s\n# got:  %s\n", want, cause ? cause : "NULL");
	CU_ASSERT(cause != NULL && strcmp(cause, want) == 0);
	free(cause);
	hs_op_input_clear(&in);
}

/* Expect the input to fail validation with this message. */
static void
expect_invalid(const struct aws_operation *op, const char *const *words,
    const char *want)
{
	struct hs_op_input in;
	char *cause = NULL;

	CU_ASSERT_EQUAL_FATAL(build(op, words, NULL, &in, &cause), 0);
	CU_ASSERT_EQUAL(hs_params_validate(op, in.input, &cause), -1);
	if (cause == NULL || strcmp(cause, want) != 0)
		printf("# want: %s\n# got:  %s\n", want, cause ? cause : "NULL");
	CU_ASSERT(cause != NULL && strcmp(cause, want) == 0);
	free(cause);
	hs_op_input_clear(&in);
}

/* The names of a table's documented arguments, space separated. */
static char *
table_names(const struct aws_operation *op)
{
	struct hs_param_table t;
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	hs_param_table_build(op, &t);
	for (i = 0; i < t.n; i++)
		if (!t.v[i].hidden)
			hs_buf_addf(&b, "%s%s%s%s", b.len ? " " : "",
			    t.v[i].arity == HS_ARITY_POSITIONAL ? "" : "--",
			    t.v[i].name, t.v[i].required ? "*" : "");
	hs_param_table_clear(&t);
	return hs_buf_detach(&b, NULL);
}

static void
expect_table(const struct aws_operation *op, const char *want)
{
	char *got = table_names(op);

	HS_ASSERT_STR_EQ(got, want);
	free(got);
}

/* --- the argument table ------------------------------------------------ */

static void
test_table_members(void)
{
	expect_table(op_real("iam", "create-role"), "--path --role-name* "
	    "--assume-role-policy-document* --description "
	    "--max-session-duration --permissions-boundary --tags "
	    "--cli-input-json --generate-cli-skeleton");
	/* Idempotency tokens are not required; booleans come in pairs. */
	expect_table(op_demo_op("DoThing"), "--name* --count --big --ratio "
	    "--flag --no-flag --when --data --tags --items --attrs --doc "
	    "--mode --setting --nested --token --cli-input-json "
	    "--generate-cli-skeleton");
	expect_table(op_demo_op("Ping"), "--cli-input-json "
	    "--generate-cli-skeleton");
}

static void
test_table_customizations(void)
{
	struct hs_param_table t;
	const struct hs_param *p;

	/* A streaming output: OUTFILE, no --cli-input-json or skeleton. */
	expect_table(op_real("s3api", "get-object"), "--bucket* --if-match "
	    "--if-modified-since --if-none-match --if-unmodified-since --key* "
	    "--range --response-cache-control --response-content-disposition "
	    "--response-content-encoding --response-content-language "
	    "--response-content-type --response-expires --version-id "
	    "--sse-customer-algorithm --sse-customer-key "
	    "--sse-customer-key-md5 --request-payer --part-number "
	    "--expected-bucket-owner --checksum-mode outfile*");
	/* lambda: --zip-file, and --code no longer required. */
	hs_param_table_build(op_real("lambda", "create-function"), &t);
	p = hs_param_table_find(&t, "code", 4);
	CU_ASSERT(p != NULL && p->kind == HS_PARAM_ZIP_PARENT && !p->required);
	p = hs_param_table_find(&t, "zip-file", 8);
	CU_ASSERT(p != NULL && p->kind == HS_PARAM_ZIP_FILE &&
	    strcmp(p->member->name, "Code") == 0);
	hs_param_table_clear(&t);
	/* Renames (argrename.py): ec2 create-image --no-no-reboot. */
	hs_param_table_build(op_real("ec2", "create-image"), &t);
	CU_ASSERT_PTR_NOT_NULL(hs_param_table_find(&t, "reboot", 6));
	CU_ASSERT_PTR_NOT_NULL(hs_param_table_find(&t, "no-reboot", 9));
	CU_ASSERT_PTR_NULL(hs_param_table_find(&t, "no-no-reboot", 12));
	hs_param_table_clear(&t);
	CU_ASSERT(hs_operation_removed("ses", "verify-email-address"));
	CU_ASSERT_FALSE(hs_operation_removed("ses", "verify-email-identity"));
	CU_ASSERT(hs_params_old_list_case("elb", "remove-tags", "tags"));
	CU_ASSERT_STRING_EQUAL(hs_params_renamed("ec2", "authorize-security-"
	    "group-egress", "no-egress"), "ingress");
}

static void
test_table_paging(void)
{
	struct hs_param_table t;
	const struct hs_param *p;

	/* The paginator's own token and limit are hidden; --max-items of
	 * IAM stands for its MaxItems member. */
	expect_table(op_real("iam", "list-roles"), "--path-prefix "
	    "--max-items --cli-input-json --starting-token --page-size "
	    "--generate-cli-skeleton");
	hs_param_table_build(op_real("iam", "list-roles"), &t);
	p = hs_param_table_find(&t, "max-items", 9);
	CU_ASSERT(p->kind == HS_PARAM_MAX_ITEMS && p->member != NULL &&
	    strcmp(p->member->name, "MaxItems") == 0);
	p = hs_param_table_find(&t, "marker", 6);
	CU_ASSERT(p != NULL && p->hidden && p->kind == HS_PARAM_MEMBER);
	hs_param_table_clear(&t);
	expect_table(op_real("s3api", "list-objects-v2"), "--bucket* "
	    "--delimiter --encoding-type --prefix --fetch-owner "
	    "--no-fetch-owner --start-after --request-payer "
	    "--expected-bucket-owner --optional-object-attributes "
	    "--cli-input-json --starting-token --page-size --max-items "
	    "--generate-cli-skeleton");
}

/* --- reading the words ------------------------------------------------- */

static void
test_parse_errors(void)
{
	const struct aws_operation *put = op_real("s3api", "put-object");
	const struct aws_operation *role = op_real("iam", "get-role");
	const struct aws_operation *d = op_demo_op("DoThing");

	expect_error(put, W("--acl", "private"), NULL, "the following "
	    "arguments are required: --bucket, --key");
	expect_error(put, W("--bucket"), NULL,
	    "argument --bucket: expected one argument");
	expect_error(put, W("--bucket", "--key", "k"), NULL,
	    "argument --bucket: expected one argument");
	expect_error(role, W("--role-nam", "x"), NULL,
	    "Unknown options: --role-nam, x (did you mean --role-name?)");
	expect_error(role, W("--role-name", "x", "--foo"), NULL,
	    "Unknown options: --foo");
	expect_error(d, W("--name", "n", "--flag=yes"), NULL,
	    "argument --flag: ignored explicit argument 'yes'");
	expect_error(d, W("--name", "n", "--generate-cli-skeleton", "xml"),
	    NULL, "argument --generate-cli-skeleton: invalid choice: 'xml' "
	    "(choose from 'input', 'output')");
	expect_error(d, W("--count", "1"), NULL,
	    "the following arguments are required: --name");
	expect_error(op_real("s3api", "get-object"), W("--bucket", "b",
	    "--key", "k"), NULL, "the following arguments are required: "
	    "outfile");
}

static void
test_parse_words(void)
{
	const struct aws_operation *d = op_demo_op("DoThing");

	/* --x=v, the last use wins, negative numbers are values. */
	expect_input(d, W("--name=a", "--count", "-5", "--name", "b"), NULL,
	    "{\"Name\":\"b\",\"Count\":-5}");
	/* A list takes words up to the next option; "--" ends options. */
	expect_input(d, W("--tags", "a", "b", "--name", "n"), NULL,
	    "{\"Name\":\"n\",\"Tags\":[\"a\",\"b\"]}");
	expect_input(d, W("--name", "n", "--tags"), NULL,
	    "{\"Name\":\"n\",\"Tags\":[]}");
	expect_error(d, W("--name", "n", "--tags", "--", "-x", "--y"), NULL,
	    "Unknown options: --, -x, --y");
	expect_input(d, W("--name", "n", "--tags=-x"), NULL,
	    "{\"Name\":\"n\",\"Tags\":[\"-x\"]}");
	/* The later of --flag / --no-flag wins. */
	expect_input(d, W("--name", "n", "--flag", "--no-flag"), NULL,
	    "{\"Name\":\"n\",\"Flag\":false}");
	expect_input(d, W("--no-flag", "--name", "n", "--flag"), NULL,
	    "{\"Name\":\"n\",\"Flag\":true}");
	/* A value with a space that starts with '-' is a value. */
	expect_input(d, W("--name", "-a b"), NULL, "{\"Name\":\"-a b\"}");
}

static void
test_parse_help_outfile(void)
{
	const struct aws_operation *get = op_real("s3api", "get-object");
	struct hs_param_table t;
	struct hs_parsed p;
	struct hs_op_input in;
	char *cause = NULL;

	hs_param_table_build(op_demo_op("DoThing"), &t);
	CU_ASSERT_EQUAL(hs_params_parse(&t, (char *const *)W("help"), 1, &p,
	    &cause), 0);
	CU_ASSERT(p.help);
	hs_parsed_clear(&p);
	hs_param_table_clear(&t);
	CU_ASSERT_EQUAL(build(get, W("--bucket", "b", "out.txt", "--key",
	    "k"), NULL, &in, &cause), 0);
	HS_ASSERT_STR_EQ(in.outfile, "out.txt");
	CU_ASSERT(op_json_eq(in.input, "{\"Bucket\":\"b\",\"Key\":\"k\"}"));
	hs_op_input_clear(&in);
	CU_ASSERT(hs_params_option_like("--x"));
	CU_ASSERT(hs_params_option_like("-x"));
	CU_ASSERT_FALSE(hs_params_option_like("-5"));
	CU_ASSERT_FALSE(hs_params_option_like("-1.5"));
	CU_ASSERT_FALSE(hs_params_option_like("-"));
	CU_ASSERT_FALSE(hs_params_option_like("--a b"));
}

/* --- every shape type -------------------------------------------------- */

static void
test_scalars(void)
{
	const struct aws_operation *d = op_demo_op("DoThing");

	expect_input(d, W("--name", "n", "--count", "7", "--big",
	    "123456789012345678901", "--ratio", "2.5", "--when",
	    "2024-01-02T03:04:05Z", "--mode", "fast"), NULL,
	    "{\"Name\":\"n\",\"Count\":7,\"Big\":123456789012345678901,"
	    "\"Ratio\":2.5,\"When\":\"2024-01-02T03:04:05Z\",\"Mode\":\"fast\"}");
	expect_input(d, W("--name", "n", "--when", "1700000000"), NULL,
	    "{\"Name\":\"n\",\"When\":\"1700000000\"}");
	expect_error(d, W("--name", "n", "--count", "abc"), NULL,
	    "argument --count: invalid int value: 'abc'");
	expect_error(d, W("--name", "n", "--count", "1.5"), NULL,
	    "argument --count: invalid int value: '1.5'");
	expect_error(d, W("--name", "n", "--ratio", "x"), NULL,
	    "argument --ratio: invalid float value: 'x'");
}

static void
test_blobs(void)
{
	const struct aws_operation *d = op_demo_op("DoThing");
	struct hs_input_opts raw = { true, true };
	const char *path = op_tmpfile("blob.bin", "\x00\xff\x01", 3);
	char *fileb = hs_xasprintf("fileb://%s", path);

	/* CLI v2: blob text is base64; fileb:// is the bytes. */
	expect_input(d, W("--name", "n", "--data", "aGk="), NULL,
	    "{\"Name\":\"n\",\"Data\":\"aGk=\"}");
	expect_input(d, W("--name", "n", "--data", fileb), NULL,
	    "{\"Name\":\"n\",\"Data\":\"AP8B\"}");
	/* raw-in-base64-out: the text is the bytes, also inside JSON. */
	expect_input(d, W("--name", "n", "--data", "hi"), &raw,
	    "{\"Name\":\"n\",\"Data\":\"aGk=\"}");
	expect_input(d, W("--name", "n", "--data", fileb), &raw,
	    "{\"Name\":\"n\",\"Data\":\"AP8B\"}");
	expect_input(d, W("--name", "n", "--cli-input-json",
	    "{\"Data\":\"hi\"}"), &raw, "{\"Name\":\"n\",\"Data\":\"aGk=\"}");
	expect_invalid(d, W("--name", "n", "--data", "not base64!"),
	    "Parameter validation failed:\nInvalid base64: \"not base64!\"");
	free(fileb);
}

static void
test_lists_and_maps(void)
{
	const struct aws_operation *d = op_demo_op("DoThing");

	expect_input(d, W("--name", "n", "--tags", "[\"a\", \"b\"]"), NULL,
	    "{\"Name\":\"n\",\"Tags\":[\"a\",\"b\"]}");
	expect_input(d, W("--name", "n", "--items", "Id=1,Label=x", "Id=2"),
	    NULL, "{\"Name\":\"n\",\"Items\":[{\"Id\":1,\"Label\":\"x\"},"
	    "{\"Id\":2}]}");
	expect_input(d, W("--name", "n", "--items", "[{\"Id\": 3}]"), NULL,
	    "{\"Name\":\"n\",\"Items\":[{\"Id\":3}]}");
	/* A list of JSON objects, one per word. */
	expect_input(d, W("--name", "n", "--items", "{\"Id\": 4}",
	    "{\"Id\": 5}"), NULL,
	    "{\"Name\":\"n\",\"Items\":[{\"Id\":4},{\"Id\":5}]}");
	expect_input(d, W("--name", "n", "--attrs", "a=1,b=2"), NULL,
	    "{\"Name\":\"n\",\"Attrs\":{\"a\":1,\"b\":2}}");
	expect_input(d, W("--name", "n", "--attrs", " {\"a\": 1}"), NULL,
	    "{\"Name\":\"n\",\"Attrs\":{\"a\":1}}");
	expect_input(d, W("--name", "n", "--nested",
	    "Inner={Deep=x},List=a,b"), NULL,
	    "{\"Name\":\"n\",\"Nested\":{\"Inner\":{\"Deep\":\"x\"},"
	    "\"List\":[\"a\",\"b\"]}}");
	/* A structure of one string "Value" takes the bare value. */
	expect_input(d, W("--name", "n", "--setting", "on"), NULL,
	    "{\"Name\":\"n\",\"Setting\":{\"Value\":\"on\"}}");
	expect_input(d, W("--name", "n", "--setting", "Value=a=b"), NULL,
	    "{\"Name\":\"n\",\"Setting\":{\"Value\":\"a=b\"}}");
	/* Documents are JSON, never shorthand. */
	expect_input(d, W("--name", "n", "--doc", "[1, {\"a\": null}]"),
	    NULL, "{\"Name\":\"n\",\"Doc\":[1,{\"a\":null}]}");
	expect_error(d, W("--name", "n", "--items", "Id=1", "Id=x"), NULL,
	    "Error parsing parameter '--items': invalid integer value for "
	    "Items[1].Id: 'x'");
	expect_error(d, W("--name", "n", "--attrs", "{bad"), NULL,
	    "Error parsing parameter '--attrs': Invalid JSON: invalid JSON "
	    "at byte 1: expected a key\nJSON received: {bad");
	expect_error(d, W("--name", "n", "--items", "Id"), NULL,
	    "Error parsing parameter '--items': Expected: '=', received: "
	    "'EOF' for input:\nId\n  ^");
}

static void
test_paramfiles(void)
{
	const struct aws_operation *d = op_demo_op("DoThing");
	const char *path = op_tmpfile("policy.json", "{\"a\":\r\n1}\r", 10);
	char *file = hs_xasprintf("file://%s", path), *missing;
	char *bad = hs_xasprintf("file://%s", op_tmpfile("bad.txt",
	    "\xff\xfe", 2));
	char *home = getenv("HOME") ? hs_xstrdup(getenv("HOME")) : NULL;
	char *bad_path = hs_xasprintf("%s/bad.txt", hs_unit_tmpdir());
	char *want;

	/* file:// is text with universal newlines. */
	expect_input(d, W("--name", file), NULL,
	    "{\"Name\":\"{\\\"a\\\":\\n1}\\n\"}");
	expect_input(d, W("--name", "n", "--attrs", file), NULL,
	    "{\"Name\":\"n\",\"Attrs\":{\"a\":1}}");
	/* "~" and $VAR are expanded. */
	setenv("HOME", hs_unit_tmpdir(), 1);
	setenv("HS_TEST_DIR", hs_unit_tmpdir(), 1);
	expect_input(d, W("--name", "n", "--attrs", "file://~/policy.json"),
	    NULL, "{\"Name\":\"n\",\"Attrs\":{\"a\":1}}");
	expect_input(d, W("--name", "n", "--attrs",
	    "file://${HS_TEST_DIR}/policy.json"), NULL,
	    "{\"Name\":\"n\",\"Attrs\":{\"a\":1}}");
	missing = hs_xasprintf("%s/nope.json", hs_unit_tmpdir());
	want = hs_xasprintf("Error parsing parameter '--attrs': Unable to load "
	    "paramfile file://~/nope.json: [Errno 2] No such file or "
	    "directory: '%s'", missing);
	expect_error(d, W("--name", "n", "--attrs", "file://~/nope.json"),
	    NULL, want);
	free(want);
	want = hs_xasprintf("Error parsing parameter '--name': Unable to load "
	    "paramfile (%s), text contents could not be decoded.  If this is "
	    "a binary file, please use the fileb:// prefix instead of the "
	    "file:// prefix.", bad_path);
	expect_error(d, W("--name", bad), NULL, want);
	if (home)
		setenv("HOME", home, 1);
	free(want);
	free(home);
	free(missing);
	free(bad_path);
	free(bad);
	free(file);
}

static void
test_streaming_and_zip(void)
{
	const struct aws_operation *put = op_real("s3api", "put-object");
	const struct aws_operation *cf = op_real("lambda", "create-function");
	static const char empty_zip[22] = "PK\x05\x06";
	char *zip = hs_xasprintf("fileb://%s", op_tmpfile("f.zip", empty_zip,
	    sizeof empty_zip));
	char *notzip = hs_xasprintf("fileb://%s", op_tmpfile("f.txt", "x", 1));
	char *body = hs_xasprintf("%s/f.txt", hs_unit_tmpdir());
	char *want = hs_xasprintf("{\"Bucket\":\"b\",\"Key\":\"k\",\"Body\":"
	    "{\"file\":\"%s\"}}", body);

	expect_input(put, W("--bucket", "b", "--key", "k", "--body", body),
	    NULL, want);
	expect_error(put, W("--bucket", "b", "--key", "k", "--body",
	    "/no/such/file"), NULL, "Error parsing parameter '--body': Blob "
	    "values must be a path to a file.");
	expect_input(cf, W("--function-name", "f", "--role", "r", "--zip-file",
	    zip, "--code", "S3Bucket=x"), NULL, "{\"FunctionName\":\"f\","
	    "\"Role\":\"r\",\"Code\":{\"S3Bucket\":\"x\",\"ZipFile\":"
	    "\"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==\"}}");
	expect_error(cf, W("--function-name", "f", "--role", "r",
	    "--zip-file", notzip), NULL, "--zip-file must be a zip file with "
	    "the fileb:// prefix.\nExample usage:  --zip-file "
	    "fileb://path/to/file.zip");
	expect_error(cf, W("--function-name", "f", "--role", "r", "--code",
	    "ZipFile=abc"), NULL, "ZipFile cannot be provided as part of the "
	    "--code argument.  Please use the '--zip-file' option instead to "
	    "specify a zip file.");
	free(want);
	free(body);
	free(zip);
	free(notzip);
}

static void
test_cli_input_json(void)
{
	const struct aws_operation *d = op_demo_op("DoThing");
	static const char text[] = "{\"Name\": \"fromfile\", \"Count\": 3}";
	char *file = hs_xasprintf("file://%s", op_tmpfile("in.json", text,
	    strlen(text)));

	/* The words win over the JSON; required is not checked by parse. */
	expect_input(d, W("--count", "1", "--cli-input-json",
	    "{\"Name\": \"j\", \"Count\": 2, \"Mode\": \"slow\"}"), NULL,
	    "{\"Count\":1,\"Name\":\"j\",\"Mode\":\"slow\"}");
	expect_input(d, W("--cli-input-json", file), NULL,
	    "{\"Name\":\"fromfile\",\"Count\":3}");
	expect_error(d, W("--cli-input-json", "{nope"), NULL,
	    "Error parsing parameter 'cli-input-json': Invalid JSON received.");
	expect_error(d, W("--cli-input-json", "[1]"), NULL,
	    "Error parsing parameter '--cli-input-json': Invalid type: "
	    "expecting map, received <class 'list'>");
	expect_invalid(d, W("--cli-input-json", "{\"Count\": 1}"),
	    "Parameter validation failed:\nMissing required parameter in "
	    "input: \"Name\"");
	free(file);
}

static void
test_paging(void)
{
	const struct aws_operation *lt = op_demo_op("ListThings");
	const struct aws_operation *roles = op_real("iam", "list-roles");
	struct hs_input_opts off = { false, false };
	struct hs_op_input in;
	char *cause = NULL;

	CU_ASSERT_EQUAL(build(lt, W("--max-items", "5", "--page-size", "2",
	    "--starting-token", "abc"), NULL, &in, &cause), 0);
	CU_ASSERT(in.paging.enabled);
	CU_ASSERT_EQUAL(in.paging.max_items, 5);
	CU_ASSERT(op_json_eq(in.paging.page_size, "2"));
	HS_ASSERT_STR_EQ(in.paging.starting_token, "abc");
	CU_ASSERT(op_json_eq(in.input, "{}"));
	hs_op_input_clear(&in);
	/* The operation's own token turns paging off (manual paging). */
	CU_ASSERT_EQUAL(build(lt, W("--next-token", "t"), NULL, &in, &cause),
	    0);
	CU_ASSERT_FALSE(in.paging.enabled);
	hs_op_input_clear(&in);
	CU_ASSERT_EQUAL(build(lt, W("--cli-input-json",
	    "{\"MaxResults\": 3}"), NULL, &in, &cause), 0);
	CU_ASSERT_FALSE(in.paging.enabled);
	hs_op_input_clear(&in);
	expect_error(lt, W("--max-items", "5"), &off, "Cannot specify "
	    "--no-paginate along with pagination arguments: --max-items");
	expect_error(lt, W("--max-results", "1", "--starting-token", "x"),
	    NULL, "Cannot specify --no-paginate along with pagination "
	    "arguments: --starting-token");
	expect_error(lt, W("--max-items", "x"), NULL,
	    "argument --max-items: invalid int value: 'x'");
	/* IAM's --max-items is its MaxItems member when not paginating. */
	expect_input(roles, W("--max-items", "7"), &off, "{\"MaxItems\":7}");
	CU_ASSERT_EQUAL(build(roles, W("--max-items", "7"), NULL, &in, &cause),
	    0);
	CU_ASSERT(in.paging.enabled && in.paging.max_items == 7);
	CU_ASSERT(op_json_eq(in.input, "{}"));
	hs_op_input_clear(&in);
	free(cause);
}

static void
test_skeleton_flag(void)
{
	const struct aws_operation *d = op_demo_op("DoThing");
	struct hs_op_input in;
	char *cause = NULL;

	/* The skeleton needs no required argument; "output" does. */
	CU_ASSERT_EQUAL(build(d, W("--generate-cli-skeleton"), NULL, &in,
	    &cause), 0);
	CU_ASSERT_EQUAL(in.skeleton, HS_SKELETON_INPUT);
	hs_op_input_clear(&in);
	expect_error(d, W("--generate-cli-skeleton", "output"), NULL,
	    "the following arguments are required: --name");
	CU_ASSERT_EQUAL(build(d, W("--generate-cli-skeleton", "output",
	    "--name", "x"), NULL, &in, &cause), 0);
	CU_ASSERT_EQUAL(in.skeleton, HS_SKELETON_OUTPUT);
	hs_op_input_clear(&in);
}

/* --- checks before sending --------------------------------------------- */

static void
test_validate(void)
{
	const struct aws_operation *d = op_demo_op("DoThing");
	const struct aws_operation *bucket = op_real("s3api", "create-bucket");

	expect_invalid(d, W("--name", "n", "--mode", "medium"),
	    "Parameter validation failed:\nInvalid value for parameter Mode, "
	    "value: medium, valid values: fast, slow");
	expect_invalid(bucket, W("--bucket", "b", "--acl", "open"),
	    "Parameter validation failed:\nInvalid value for parameter ACL, "
	    "value: open, valid values: private, public-read, "
	    "public-read-write, authenticated-read");
	expect_invalid(d, W("--name", "n", "--count", "2147483648"),
	    "Parameter validation failed:\nInvalid value for parameter Count, "
	    "value: 2147483648, valid range: -2147483648 to 2147483647 "
	    "(integer)");
	expect_invalid(d, W("--name", "n", "--big", "9223372036854775808"),
	    "Parameter validation failed:\nInvalid value for parameter Big, "
	    "value: 9223372036854775808, valid range: -9223372036854775808 to "
	    "9223372036854775807 (long)");
	expect_invalid(d, W("--name", "", "--count", "-1"),
	    "Parameter validation failed:\nInvalid length for parameter Name, "
	    "value: 0, valid min length: 1\nInvalid value for parameter "
	    "Count, value: -1, valid min value: 0");
	expect_invalid(d, W("--name", "n", "--items", "Id=1,Lable=x"),
	    "Parameter validation failed:\nUnknown parameter in Items[0]: "
	    "\"Lable\", must be one of: Id, Label");
	expect_invalid(d, W("--name", "n", "--when", "yesterday"),
	    "Parameter validation failed:\nInvalid type for parameter When, "
	    "value: yesterday, type: <class 'str'>, valid types: <class "
	    "'datetime.datetime'>, timestamp-string");
	expect_invalid(d, W("--name", "n", "--setting", "Value=1,x=2"),
	    "Parameter validation failed:\nUnknown parameter in Setting: "
	    "\"x\", must be one of: Value");
}

/* --- botocore's own customizations (handlers.py) ----------------------- */

static void
test_botocore_input(void)
{
	const struct aws_operation *put = op_real("s3api", "put-object");
	const struct aws_operation *head = op_real("s3api", "head-object");
	char *cause = NULL;
	cJSON *in;

	in = cJSON_Parse("{\"Bucket\": \"b\", \"Key\": \"k\", "
	    "\"SSECustomerKey\": \"0123456789abcdef0123456789abcdef\"}");
	CU_ASSERT_EQUAL(hs_botocore_input(head, in, &cause), 0);
	CU_ASSERT(op_json_eq(in, "{\"Bucket\": \"b\", \"Key\": \"k\", "
	    "\"SSECustomerKey\": "
	    "\"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\", "
	    "\"SSECustomerKeyMD5\": \"hRasmdxgYDKV3nvbahU1MA==\"}"));
	cJSON_Delete(in);
	in = cJSON_Parse("{\"Bucket\": \"a/b\", \"Key\": \"k\"}");
	CU_ASSERT_EQUAL(hs_botocore_input(put, in, &cause), -1);
	CU_ASSERT(cause != NULL && hs_starts_with(cause, "Parameter validation "
	    "failed:\nInvalid bucket name \"a/b\": Bucket name must match the "
	    "regex \"^[a-zA-Z0-9.\\-_]{1,255}$\" or be an ARN"));
	free(cause);
	cause = NULL;
	cJSON_Delete(in);
	in = cJSON_Parse("{\"Bucket\": \"b\", \"Key\": \"k\", "
	    "\"Metadata\": {\"k\": \"caf\u00e9\"}}");
	CU_ASSERT_EQUAL(hs_botocore_input(put, in, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "Parameter validation failed:\nNon ascii "
	    "characters found in S3 metadata for key \"k\", value: "
	    "\"caf\xc3\xa9\".  \nS3 metadata can only contain ASCII "
	    "characters. ");
	free(cause);
	cJSON_Delete(in);
	/* response_checksum_validation = when_supported: S3 GetObject asks
	 * for the object's checksum, unless told otherwise. */
	in = cJSON_Parse("{\"Bucket\": \"b\", \"Key\": \"k\"}");
	CU_ASSERT_EQUAL(hs_botocore_input(op_real("s3api", "get-object"), in,
	    &cause), 0);
	CU_ASSERT(op_json_eq(in, "{\"Bucket\": \"b\", \"Key\": \"k\", "
	    "\"ChecksumMode\": \"ENABLED\"}"));
	cJSON_Delete(in);
	in = cJSON_Parse("{\"UserData\": \"#!/bin/sh\"}");
	CU_ASSERT_EQUAL(hs_botocore_input(op_real("ec2", "run-instances"), in,
	    &cause), 0);
	CU_ASSERT(op_json_eq(in, "{\"UserData\": \"IyEvYmluL3No\"}"));
	cJSON_Delete(in);
	in = cJSON_Parse("{\"Id\": \"/hostedzone/Z123\"}");
	CU_ASSERT_EQUAL(hs_botocore_input(op_real("route53", "get-hosted-zone"),
	    in, &cause), 0);
	CU_ASSERT(op_json_eq(in, "{\"Id\": \"Z123\"}"));
	cJSON_Delete(in);
}

static void
test_botocore_output(void)
{
	cJSON *out = cJSON_Parse("{\"Role\": {\"RoleName\": \"r\", "
	    "\"AssumeRolePolicyDocument\": \"%7B%22Version%22%3A%222012-10-"
	    "17%22%2C%22Statement%22%3A%5B%5D%7D\"}}");

	hs_botocore_output(op_real("iam", "get-role"), out);
	CU_ASSERT(op_json_eq(out, "{\"Role\": {\"RoleName\": \"r\", "
	    "\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", "
	    "\"Statement\": []}}}"));
	cJSON_Delete(out);
	/* Not JSON: left as it is. */
	out = cJSON_Parse("{\"PolicyDocument\": \"not%20json\", "
	    "\"RoleName\": \"r\", \"PolicyName\": \"p\"}");
	hs_botocore_output(op_real("iam", "get-role-policy"), out);
	CU_ASSERT(op_json_eq(out, "{\"PolicyDocument\": \"not%20json\", "
	    "\"RoleName\": \"r\", \"PolicyName\": \"p\"}"));
	cJSON_Delete(out);
	out = cJSON_Parse("{\"TemplateBody\": \"{\\\"Resources\\\": {}}\"}");
	hs_botocore_output(op_real("cloudformation", "get-template"), out);
	CU_ASSERT(op_json_eq(out, "{\"TemplateBody\": {\"Resources\": {}}}"));
	cJSON_Delete(out);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case table[] = {
		{ "members", test_table_members },
		{ "customizations", test_table_customizations },
		{ "paging", test_table_paging },
	};
	static const struct hs_unit_case parse[] = {
		{ "errors", test_parse_errors },
		{ "words", test_parse_words },
		{ "help_outfile", test_parse_help_outfile },
	};
	static const struct hs_unit_case input[] = {
		{ "scalars", test_scalars },
		{ "blobs", test_blobs },
		{ "lists_and_maps", test_lists_and_maps },
		{ "paramfiles", test_paramfiles },
		{ "streaming_and_zip", test_streaming_and_zip },
		{ "cli_input_json", test_cli_input_json },
		{ "paging", test_paging },
		{ "skeleton_flag", test_skeleton_flag },
		{ "validate", test_validate },
		{ "botocore_input", test_botocore_input },
		{ "botocore_output", test_botocore_output },
	};

	hs_unit_add_table("params-table", table, HS_ARRAY_SIZE(table));
	hs_unit_add_table("params-parse", parse, HS_ARRAY_SIZE(parse));
	hs_unit_add_table("params-input", input, HS_ARRAY_SIZE(input));
}
