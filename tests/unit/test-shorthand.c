/*
 * test-shorthand.c: the shorthand syntax - the parser against vectors
 * made by the AWS CLI's own ShorthandParser (awscli/shorthand.py, CLI v2;
 * regenerate with the script in the comment below), fitting values to
 * shapes (BackCompatVisitor), and the documented examples
 * (ParamShorthandDocGen) against the CLI's for real models.
 *
 *   from awscli.shorthand import ShorthandParser
 *   json.dumps(ShorthandParser().parse(text), ensure_ascii=False,
 *              separators=(',', ':'))   # or str(ShorthandParseError)
 */
#include "test-op-util.h"

struct parse_case {
	const char *text;
	const char *json;	/* NULL: an error */
	const char *error;	/* the CLI's message, when json is NULL */
};

static const struct parse_case parse_cases[] = {
	{ "a=b", "{\"a\":\"b\"}", NULL },
	{ "a=b,c=d", "{\"a\":\"b\",\"c\":\"d\"}", NULL },
	{ "a=b,c", "{\"a\":[\"b\",\"c\"]}", NULL },
	{ "a=b,c,d=e", "{\"a\":[\"b\",\"c\"],\"d\":\"e\"}", NULL },
	{ "a=[b,c]", "{\"a\":[\"b\",\"c\"]}", NULL },
	{ "a={b=c,d=e}", "{\"a\":{\"b\":\"c\",\"d\":\"e\"}}", NULL },
	{ "a=", "{\"a\":\"\"}", NULL },
	{ "a=,b=c", "{\"a\":\"\",\"b\":\"c\"}", NULL },
	{ "Key=Name,Value=web server", "{\"Key\":\"Name\",\"Value\":\"web server\"}", NULL },
	{ "a=b c", "{\"a\":\"b c\"}", NULL },
	{ "a='b,c'", "{\"a\":\"b,c\"}", NULL },
	{ "a=\"b,c\"", "{\"a\":\"b,c\"}", NULL },
	{ "a=b\\,c", "{\"a\":\"b,c\"}", NULL },
	{ "a=[b,[c,d]]", "{\"a\":[\"b\",[\"c\",\"d\"]]}", NULL },
	{ "a={b={c=d}}", "{\"a\":{\"b\":{\"c\":\"d\"}}}", NULL },
	{ "a=[{b=c},{d=e}]", "{\"a\":[{\"b\":\"c\"},{\"d\":\"e\"}]}", NULL },
	{ "a = b , c = d", "{\"a\":\"b\",\"c\":\"d\"}", NULL },
	{ "a=b,a=c", NULL, "Second instance of key \"a\" encountered for input:\na=b,a=c\n    ^\nThis is often because there is a preceding \",\" instead of a space." },
	{ "a={b=c,b=d}", "{\"a\":{\"b\":\"d\"}}", NULL },
	{ "a", NULL, "Expected: '=', received: 'EOF' for input:\na\n ^" },
	{ "a=[b", NULL, "Expected: ',', received: 'EOF' for input:\na=[b\n    ^" },
	{ "a={b", NULL, "Expected: '=', received: 'EOF' for input:\na={b\n    ^" },
	{ "=b", "{\"\":\"b\"}", NULL },
	{ "a=b,", NULL, "Expected: '<second>', received: '<none>' for input:\na=b,\n    ^" },
	{ "a='b", NULL, "Expected: '<singled quoted>', received: '<none>' for input:\na='b\n  ^" },
	{ "a=\"b", NULL, "Expected: '<double quoted>', received: '<none>' for input:\na=\"b\n  ^" },
	{ "a=[]", "{\"a\":[]}", NULL },
	{ "a={}", "{\"a\":{}}", NULL },
	{ "a=b==c", "{\"a\":\"b==c\"}", NULL },
	{ "a=b=c", "{\"a\":\"b=c\"}", NULL },
	{ "k=v,k2=[a b, c]", "{\"k\":\"v\",\"k2\":[\"a b\",\"c\"]}", NULL },
	{ "a=ümlaut", "{\"a\":\"ümlaut\"}", NULL },
	{ "Key=x,Values=a,b,c", "{\"Key\":\"x\",\"Values\":[\"a\",\"b\",\"c\"]}", NULL },
	{ "a='it\\'s'", "{\"a\":\"it's\"}", NULL },
	{ "a=\"say \\\"hi\\\"\"", "{\"a\":\"say \\\"hi\\\"\"}", NULL },
	{ "a='back\\\\slash'", "{\"a\":\"back\\\\slash\"}", NULL },
	{ "a='x\\'", "{\"a\":\"x\\\\\"}", NULL },
	{ "a=b,,c=d", "{\"a\":\"b\",\"c\":\"d\"}", NULL },
	{ "a=[b,]", "{\"a\":[\"b\"]}", NULL },
	{ "a.b=c", "{\"a.b\":\"c\"}", NULL },
	{ "a#b/c:d=e", "{\"a#b/c:d\":\"e\"}", NULL },
	{ "a=b\nc=d", "{\"a\":\"b\\nc=d\"}", NULL },
	{ "a=b,\nc=d", "{\"a\":\"b\",\"c\":\"d\"}", NULL },
	{ "a=-1,b=1.5", "{\"a\":\"-1\",\"b\":\"1.5\"}", NULL },
	{ "a=true,b=FALSE", "{\"a\":\"true\",\"b\":\"FALSE\"}", NULL },
	{ "a=b}", NULL, "Expected: ',', received: '}' for input:\na=b}\n   ^" },
	{ "a=]b", "{\"a\":\"]b\"}", NULL },
	{ "a=[ b , c ]", "{\"a\":[\"b\",\"c\"]}", NULL },
	{ "a={ b = c }", "{\"a\":{\"b\":\"c\"}}", NULL },
	{ "a=${x}", NULL, "Expected: ',', received: '}' for input:\na=${x}\n     ^" },
	{ "a=b|c", "{\"a\":\"b|c\"}", NULL },
	{ "a=b~c", "{\"a\":\"b~c\"}", NULL },
	{ "a=(b)", "{\"a\":\"(b)\"}", NULL },
	{ "a=*", "{\"a\":\"*\"}", NULL },
	{ "a=b;c", "{\"a\":\"b;c\"}", NULL },
	{ "a=x,'y z',w", "{\"a\":[\"x\",\"y z\",\"w\"]}", NULL },
	{ "a=x,\"y\"", "{\"a\":[\"x\",\"y\"]}", NULL },
	{ "a=[a=b]", "{\"a\":[\"a=b\"]}", NULL },
};

static void
test_parse_vectors(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		char *cause = NULL;
		cJSON *v = hs_shorthand_parse(c->text, &cause);

		if (c->json != NULL) {
			if (!op_json_eq(v, c->json))
				printf("# input: %s\n", c->text);
			CU_ASSERT_PTR_NULL(cause);
			CU_ASSERT(op_json_eq(v, c->json));
		} else {
			CU_ASSERT_PTR_NULL(v);
			if (cause == NULL || strcmp(cause, c->error) != 0)
				printf("# input: %s\n# want: %s\n# got:  %s\n",
				    c->text, c->error, cause ? cause : "NULL");
			CU_ASSERT(cause != NULL && strcmp(cause, c->error) == 0);
		}
		cJSON_Delete(v);
		free(cause);
	}
}

/* The value of a text fitted to the demo's DoThing input. */
static cJSON *
fit(const char *text, char **cause)
{
	const struct aws_operation *op = op_demo_op("DoThing");
	cJSON *v = hs_shorthand_parse(text, cause);

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	if (hs_shorthand_fit(&v, &op->input, "DoThing", cause) < 0) {
		cJSON_Delete(v);
		return NULL;
	}
	return v;
}

struct fit_case {
	const char *text;
	const char *json;	/* NULL: refused with error */
	const char *error;
};

static const struct fit_case fit_cases[] = {
	{ "Count=5,Ratio=1.5,Flag=true", "{\"Count\":5,\"Ratio\":1.5,"
	  "\"Flag\":true}", NULL },
	{ "Flag=FALSE", "{\"Flag\":false}", NULL },
	/* Neither true nor false: left as text for validation to name. */
	{ "Flag=yes", "{\"Flag\":\"yes\"}", NULL },
	{ "Count= 1_000 ", "{\"Count\":1000}", NULL },
	{ "Count=-7", "{\"Count\":-7}", NULL },
	{ "Big=123456789012345678901", "{\"Big\":123456789012345678901}",
	  NULL },
	{ "Ratio=nan", "{\"Ratio\":\"NaN\"}", NULL },
	{ "Ratio=-inf", "{\"Ratio\":\"-Infinity\"}", NULL },
	{ "Ratio=1e3", "{\"Ratio\":1000}", NULL },
	/* A single value where a list is wanted becomes a list. */
	{ "Tags=a", "{\"Tags\":[\"a\"]}", NULL },
	{ "Tags=a,b", "{\"Tags\":[\"a\",\"b\"]}", NULL },
	{ "Items=[{Id=1,Label=x},{Id=2}]", "{\"Items\":[{\"Id\":1,"
	  "\"Label\":\"x\"},{\"Id\":2}]}", NULL },
	{ "Items={Id=3}", "{\"Items\":[{\"Id\":3}]}", NULL },
	{ "Attrs={a=1,b=2}", "{\"Attrs\":{\"a\":1,\"b\":2}}", NULL },
	{ "Nested={Inner={Deep=x},List=[a]}", "{\"Nested\":{\"Inner\":"
	  "{\"Deep\":\"x\"},\"List\":[\"a\"]}}", NULL },
	/* Keys the model does not know are left for validation. */
	{ "Unknown=1,Count=2", "{\"Unknown\":\"1\",\"Count\":2}", NULL },
	/* A structure where text is wanted stays: validation names it. */
	{ "Setting=x", "{\"Setting\":\"x\"}", NULL },
	{ "Count=abc", NULL, "invalid integer value for DoThing.Count: 'abc'" },
	{ "Count=1.5", NULL, "invalid integer value for DoThing.Count: '1.5'" },
	{ "Items=[{Id=x}]", NULL,
	  "invalid integer value for DoThing.Items[0].Id: 'x'" },
	{ "Attrs={a=b}", NULL, "invalid long value for DoThing.Attrs.a: 'b'" },
	{ "Ratio=fast", NULL, "invalid double value for DoThing.Ratio: 'fast'" },
	{ "Doc={a=b}", NULL, "Shorthand syntax does not support document "
	  "types. Use JSON input for top-level argument to specify nested "
	  "parameter: Doc" },
};

static void
test_fit(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(fit_cases); i++) {
		const struct fit_case *c = &fit_cases[i];
		char *cause = NULL;
		cJSON *v = fit(c->text, &cause);

		if (c->json != NULL) {
			if (cause != NULL)
				printf("# %s: %s\n", c->text, cause);
			CU_ASSERT(op_json_eq(v, c->json));
		} else {
			CU_ASSERT_PTR_NULL(v);
			if (cause == NULL || strcmp(cause, c->error) != 0)
				printf("# input: %s\n# want: %s\n# got:  %s\n",
				    c->text, c->error, cause ? cause : "NULL");
			CU_ASSERT(cause != NULL && strcmp(cause, c->error) == 0);
		}
		cJSON_Delete(v);
		free(cause);
	}
}

static void
test_py_numbers(void)
{
	static const struct { const char *in, *out; } ints[] = {
		{ "0", "0" }, { "+5", "5" }, { " -12 ", "-12" },
		{ "1_000_000", "1000000" }, { "9007199254740993",
		  "9007199254740993" }, { "-99999999999999999999",
		  "-99999999999999999999" },
	};
	static const char *const bad_ints[] = { "", "1.0", "1__0", "_1",
	    "1_", "0x10", "1e3", "abc", "- 1" };
	static const char *const bad_floats[] = { "", "abc", "0x1p3", "1.2.3" };
	struct hs_buf b = HS_BUF_INIT;
	cJSON *v;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(ints); i++) {
		v = hs_py_int(ints[i].in);
		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		hs_buf_reset(&b);
		CU_ASSERT_EQUAL(aws_format_integer(&b, v), 0);
		HS_ASSERT_STR_EQ(b.buf, ints[i].out);
		cJSON_Delete(v);
	}
	for (i = 0; i < HS_ARRAY_SIZE(bad_ints); i++) {
		v = hs_py_int(bad_ints[i]);
		if (v != NULL)
			printf("# accepted '%s'\n", bad_ints[i]);
		CU_ASSERT_PTR_NULL(v);
		cJSON_Delete(v);
	}
	for (i = 0; i < HS_ARRAY_SIZE(bad_floats); i++) {
		v = hs_py_float(bad_floats[i]);
		CU_ASSERT_PTR_NULL(v);
		cJSON_Delete(v);
	}
	v = hs_py_float(" 2.5 ");
	CU_ASSERT(cJSON_IsNumber(v) && v->valuedouble == 2.5);
	cJSON_Delete(v);
	v = hs_py_float("Infinity");
	CU_ASSERT(cJSON_IsString(v) && strcmp(v->valuestring, "Infinity") == 0);
	cJSON_Delete(v);
	hs_buf_release(&b);
}

struct example_case {
	const char *service, *op, *arg;
	const char *example;	/* "": none */
};

/* The CLI's own ParamShorthandDocGen for the same models. */
static const struct example_case example_cases[] = {
	{ "iam", "create-role", "tags",
	  "Key=string,Value=string ..." },
	{ "lambda", "create-function", "environment",
	  "Variables={KeyName1=string,KeyName2=string}" },
	{ "lambda", "create-function", "vpc-config",
	  "SubnetIds=string,string,SecurityGroupIds=string,string,Ipv6AllowedForDualStack=boolean" },
	{ "s3api", "put-bucket-notification-configuration", "notification-configuration",
	  "" },
	{ "ecr", "list-images", "filter",
	  "tagStatus=string,imageStatus=string" },
	{ "logs", "put-log-events", "log-events",
	  "timestamp=long,message=string ..." },
	{ "s3api", "put-object", "metadata",
	  "KeyName1=string,KeyName2=string" },
	{ "cloudformation", "create-stack", "parameters",
	  "ParameterKey=string,ParameterValue=string,UsePreviousValue=boolean,ResolvedValue=string ..." },
	{ "lambda", "create-function", "code",
	  "S3Bucket=string,S3Key=string,S3ObjectVersion=string,ImageUri=string,SourceKMSKeyArn=string" },
	{ "s3api", "put-bucket-tagging", "tagging",
	  "TagSet=[{Key=string,Value=string},{Key=string,Value=string}]" },
	{ "kms", "encrypt", "encryption-context",
	  "KeyName1=string,KeyName2=string" },
	{ "ecs", "create-service", "load-balancers",
	  "targetGroupArn=string,loadBalancerName=string,containerName=string,containerPort=integer,advancedConfiguration={alternateTargetGroupArn=string,productionListenerRule=string,testListenerRule=string,roleArn=string} ..." },
	{ "cloudformation", "create-stack", "tags",
	  "Key=string,Value=string ..." },
	{ "s3api", "put-bucket-lifecycle-configuration", "lifecycle-configuration",
	  "" },
};

static void
test_examples(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(example_cases); i++) {
		const struct example_case *c = &example_cases[i];
		const struct aws_operation *op = op_real(c->service, c->op);
		struct hs_param_table t;
		const struct hs_param *p;
		struct hs_buf b = HS_BUF_INIT;
		bool has;

		hs_param_table_build(op, &t);
		p = hs_param_table_find(&t, c->arg, strlen(c->arg));
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		has = hs_shorthand_example(&b, p->member->ref.shape,
		    p->kind == HS_PARAM_ZIP_PARENT ? "ZipFile" : NULL);
		if (strcmp(b.buf, c->example) != 0)
			printf("# %s %s --%s\n# want: %s\n# got:  %s\n",
			    c->service, c->op, c->arg, c->example, b.buf);
		CU_ASSERT_EQUAL(has, *c->example != '\0');
		CU_ASSERT_STRING_EQUAL(b.buf, c->example);
		hs_buf_release(&b);
		hs_param_table_clear(&t);
	}
}

static void
test_supported(void)
{
	const struct aws_shape *in = op_demo_op("DoThing")->input.shape;

	CU_ASSERT(hs_shorthand_supported(in));
	CU_ASSERT(hs_shorthand_supported(
	    aws_model_find_member(in, "Items")->ref.shape));
	CU_ASSERT(hs_shorthand_supported(
	    aws_model_find_member(in, "Attrs")->ref.shape));
	/* Lists of scalars are space separated, documents are JSON. */
	CU_ASSERT_FALSE(hs_shorthand_supported(
	    aws_model_find_member(in, "Tags")->ref.shape));
	CU_ASSERT_FALSE(hs_shorthand_supported(
	    aws_model_find_member(in, "Doc")->ref.shape));
	CU_ASSERT_FALSE(hs_shorthand_supported(
	    aws_model_find_member(in, "Count")->ref.shape));
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case cases[] = {
		{ "parse_vectors", test_parse_vectors },
		{ "fit", test_fit },
		{ "py_numbers", test_py_numbers },
		{ "examples", test_examples },
		{ "supported", test_supported },
	};

	hs_unit_add_table("shorthand", cases, HS_ARRAY_SIZE(cases));
}
