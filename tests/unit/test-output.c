/*
 * test-output.c: what the CLI prints - JSON exactly as Python's
 * json.dumps writes it (vectors made by Python itself, see below), typed
 * floats, nothing for {}, epoch timestamps in local time, and the
 * --generate-cli-skeleton samples against botocore's ArgumentGenerator.
 *
 *   json.dumps(json.loads(TEXT), indent=INDENT or None,
 *              ensure_ascii=ENSURE_ASCII)
 */
#include "test-op-util.h"

struct dumps_case {
	const char *json;
	int indent;
	bool ensure_ascii;
	const char *want;
};

static const struct dumps_case dumps_cases[] = {
	{ "{\"a\": 1, \"b\": [1, 2, {\"c\": null}], \"d\": {}, \"e\": [], \"f\": true, \"g\": false}", 4, false,
	  "{\n"
	  "    \"a\": 1,\n"
	  "    \"b\": [\n"
	  "        1,\n"
	  "        2,\n"
	  "        {\n"
	  "            \"c\": null\n"
	  "        }\n"
	  "    ],\n"
	  "    \"d\": {},\n"
	  "    \"e\": [],\n"
	  "    \"f\": true,\n"
	  "    \"g\": false\n"
	  "}" },
	{ "{\"a\": 1, \"b\": [1, 2, {\"c\": null}], \"d\": {}, \"e\": [], \"f\": true, \"g\": false}", 0, true,
	  "{\"a\": 1, \"b\": [1, 2, {\"c\": null}], \"d\": {}, \"e\": [], \"f\": true, \"g\": false}" },
	{ "{\"a\": 1, \"b\": [1, 2, {\"c\": null}], \"d\": {}, \"e\": [], \"f\": true, \"g\": false}", 4, true,
	  "{\n"
	  "    \"a\": 1,\n"
	  "    \"b\": [\n"
	  "        1,\n"
	  "        2,\n"
	  "        {\n"
	  "            \"c\": null\n"
	  "        }\n"
	  "    ],\n"
	  "    \"d\": {},\n"
	  "    \"e\": [],\n"
	  "    \"f\": true,\n"
	  "    \"g\": false\n"
	  "}" },
	{ "{\"s\": \"q\\\"b\\\\s/ \\n\\r\\t\\b\\f \\u0001 \\u001f \\u007f é ☃ 😀\"}", 4, false,
	  "{\n"
	  "    \"s\": \"q\\\"b\\\\s/ \\n\\r\\t\\b\\f \\u0001 \\u001f  é ☃ 😀\"\n"
	  "}" },
	{ "{\"s\": \"q\\\"b\\\\s/ \\n\\r\\t\\b\\f \\u0001 \\u001f \\u007f é ☃ 😀\"}", 0, true,
	  "{\"s\": \"q\\\"b\\\\s/ \\n\\r\\t\\b\\f \\u0001 \\u001f \\u007f \\u00e9 \\u2603 \\ud83d\\ude00\"}" },
	{ "{\"s\": \"q\\\"b\\\\s/ \\n\\r\\t\\b\\f \\u0001 \\u001f \\u007f é ☃ 😀\"}", 4, true,
	  "{\n"
	  "    \"s\": \"q\\\"b\\\\s/ \\n\\r\\t\\b\\f \\u0001 \\u001f \\u007f \\u00e9 \\u2603 \\ud83d\\ude00\"\n"
	  "}" },
	{ "[1.5, 0.1, 1e-07, 123456789.125, 12345678901234567890, -5]", 4, false,
	  "[\n"
	  "    1.5,\n"
	  "    0.1,\n"
	  "    1e-07,\n"
	  "    123456789.125,\n"
	  "    12345678901234567890,\n"
	  "    -5\n"
	  "]" },
	{ "[1.5, 0.1, 1e-07, 123456789.125, 12345678901234567890, -5]", 0, true,
	  "[1.5, 0.1, 1e-07, 123456789.125, 12345678901234567890, -5]" },
	{ "[1.5, 0.1, 1e-07, 123456789.125, 12345678901234567890, -5]", 4, true,
	  "[\n"
	  "    1.5,\n"
	  "    0.1,\n"
	  "    1e-07,\n"
	  "    123456789.125,\n"
	  "    12345678901234567890,\n"
	  "    -5\n"
	  "]" },
	{ "\"just text\"", 4, false,
	  "\"just text\"" },
	{ "\"just text\"", 0, true,
	  "\"just text\"" },
	{ "\"just text\"", 4, true,
	  "\"just text\"" },
	{ "[[], [[]], {\"x\": {\"y\": {}}}]", 4, false,
	  "[\n"
	  "    [],\n"
	  "    [\n"
	  "        []\n"
	  "    ],\n"
	  "    {\n"
	  "        \"x\": {\n"
	  "            \"y\": {}\n"
	  "        }\n"
	  "    }\n"
	  "]" },
	{ "[[], [[]], {\"x\": {\"y\": {}}}]", 0, true,
	  "[[], [[]], {\"x\": {\"y\": {}}}]" },
	{ "[[], [[]], {\"x\": {\"y\": {}}}]", 4, true,
	  "[\n"
	  "    [],\n"
	  "    [\n"
	  "        []\n"
	  "    ],\n"
	  "    {\n"
	  "        \"x\": {\n"
	  "            \"y\": {}\n"
	  "        }\n"
	  "    }\n"
	  "]" },
};

static void
test_dumps(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(dumps_cases); i++) {
		const struct dumps_case *c = &dumps_cases[i];
		char *cause = NULL;
		cJSON *v = aws_json_parse(c->json, strlen(c->json), &cause);
		struct hs_buf b = HS_BUF_INIT;

		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		hs_output_json(&b, v, NULL, c->indent, c->ensure_ascii);
		HS_ASSERT_STR_EQ(b.buf, c->want);
		hs_buf_release(&b);
		cJSON_Delete(v);
	}
}

/* Print the demo's DoThing output, typed, indented by 4. */
static char *
typed(const char *json)
{
	const struct aws_operation *op = op_demo_op("DoThing");
	char *cause = NULL;
	cJSON *v = aws_json_parse(json, strlen(json), &cause);
	struct hs_buf b = HS_BUF_INIT;

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	hs_output_json(&b, v, &op->output, 0, false);
	cJSON_Delete(v);
	return hs_buf_detach(&b, NULL);
}

static void
test_typed(void)
{
	char *s;

	/* Floats of a double shape as Python's float; NaN bare. */
	s = typed("{\"Score\": 5, \"Items\": [{\"Id\": 2}], \"Name\": \"x\"}");
	HS_ASSERT_STR_EQ(s, "{\"Score\": 5.0, \"Items\": [{\"Id\": 2}], "
	    "\"Name\": \"x\"}");
	free(s);
	s = typed("{\"Score\": \"NaN\"}");
	HS_ASSERT_STR_EQ(s, "{\"Score\": NaN}");
	free(s);
	s = typed("{\"Score\": 1e16, \"Name\": \"NaN\", \"Extra\": 2.0}");
	HS_ASSERT_STR_EQ(s, "{\"Score\": 1e+16, \"Name\": \"NaN\", "
	    "\"Extra\": 2}");
	free(s);
}

/* Print through hs_output_print into a string. */
static char *
printed(const char *json, const char *format, int *rc)
{
	char *buf = NULL, *cause = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cJSON *v = json ? aws_json_parse(json, strlen(json), &cause) : NULL;

	*rc = hs_output_print(f, v, &op_demo_op("DoThing")->output, format,
	    &cause);
	fclose(f);
	cJSON_Delete(v);
	if (*rc < 0) {
		free(buf);
		return cause;
	}
	free(cause);
	return buf;
}

static void
test_print(void)
{
	int rc;
	char *s;

	s = printed("{\"Name\": \"caf\\u00e9\"}", "json", &rc);
	CU_ASSERT_EQUAL(rc, 0);
	HS_ASSERT_STR_EQ(s, "{\n    \"Name\": \"caf\xc3\xa9\"\n}\n");
	free(s);
	/* Nothing at all for an empty response (s3api put-object...). */
	s = printed("{}", "json", &rc);
	HS_ASSERT_STR_EQ(s, "");
	free(s);
	s = printed(NULL, NULL, &rc);
	HS_ASSERT_STR_EQ(s, "");
	free(s);
	s = printed("{\"Name\": \"x\"}", "table", &rc);
	CU_ASSERT_EQUAL(rc, -1);
	HS_ASSERT_STR_EQ(s, "output format 'table' is not supported yet: use "
	    "--output json");
	free(s);
	CU_ASSERT(hs_output_supported("json"));
	CU_ASSERT_FALSE(hs_output_supported("text"));
}

static void
test_local_times(void)
{
	const struct aws_operation *op = op_demo_op("DoThing");
	const struct aws_operation *role = op_real("iam", "get-role");
	const char *tz = getenv("TZ");
	char *saved = tz ? hs_xstrdup(tz) : NULL, *cause = NULL;
	static const char json[] = "{\"Created\": "
	    "\"2024-01-01T00:00:00.250000+00:00\", \"Name\": \"x\"}";
	static const char iam[] = "{\"Role\": {\"CreateDate\": "
	    "\"2024-01-01T00:00:00+00:00\"}}";
	cJSON *v = aws_json_parse(json, strlen(json), &cause);
	cJSON *r = aws_json_parse(iam, strlen(iam), &cause);

	setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
	tzset();
	/* json protocol: epoch on the wire, so local time as in the CLI. */
	hs_output_local_times(v, op->service, &op->output);
	CU_ASSERT(op_json_eq(v, "{\"Created\": \"2023-12-31T19:00:00.250000"
	    "-05:00\", \"Name\": \"x\"}"));
	/* query protocol: ISO 8601 on the wire, the offset it gave stays. */
	hs_output_local_times(r, role->service, &role->output);
	CU_ASSERT(op_json_eq(r, iam));
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	cJSON_Delete(v);
	cJSON_Delete(r);
}

struct skeleton_case {
	const char *service, *op;
	bool output;
	const char *want;
};

/* botocore's ArgumentGenerator (random.choice replaced by the first
 * enum value), printed with json.dumps(indent=4, default=json_encoder). */
static const struct skeleton_case skeleton_cases[] = {
	{ "iam", "CreateRole", false,
	  "{\n"
	  "    \"Path\": \"\",\n"
	  "    \"RoleName\": \"\",\n"
	  "    \"AssumeRolePolicyDocument\": \"\",\n"
	  "    \"Description\": \"\",\n"
	  "    \"MaxSessionDuration\": 0,\n"
	  "    \"PermissionsBoundary\": \"\",\n"
	  "    \"Tags\": [\n"
	  "        {\n"
	  "            \"Key\": \"\",\n"
	  "            \"Value\": \"\"\n"
	  "        }\n"
	  "    ]\n"
	  "}" },
	{ "s3", "PutObject", false,
	  "{\n"
	  "    \"ACL\": \"private\",\n"
	  "    \"Body\": null,\n"
	  "    \"Bucket\": \"\",\n"
	  "    \"CacheControl\": \"\",\n"
	  "    \"ContentDisposition\": \"\",\n"
	  "    \"ContentEncoding\": \"\",\n"
	  "    \"ContentLanguage\": \"\",\n"
	  "    \"ContentLength\": 0,\n"
	  "    \"ContentMD5\": \"\",\n"
	  "    \"ContentType\": \"\",\n"
	  "    \"ChecksumAlgorithm\": \"CRC32\",\n"
	  "    \"ChecksumCRC32\": \"\",\n"
	  "    \"ChecksumCRC32C\": \"\",\n"
	  "    \"ChecksumCRC64NVME\": \"\",\n"
	  "    \"ChecksumSHA1\": \"\",\n"
	  "    \"ChecksumSHA256\": \"\",\n"
	  "    \"ChecksumSHA512\": \"\",\n"
	  "    \"ChecksumMD5\": \"\",\n"
	  "    \"ChecksumXXHASH64\": \"\",\n"
	  "    \"ChecksumXXHASH3\": \"\",\n"
	  "    \"ChecksumXXHASH128\": \"\",\n"
	  "    \"Expires\": \"1970-01-01T00:00:00\",\n"
	  "    \"IfMatch\": \"\",\n"
	  "    \"IfNoneMatch\": \"\",\n"
	  "    \"GrantFullControl\": \"\",\n"
	  "    \"GrantRead\": \"\",\n"
	  "    \"GrantReadACP\": \"\",\n"
	  "    \"GrantWriteACP\": \"\",\n"
	  "    \"Key\": \"\",\n"
	  "    \"WriteOffsetBytes\": 0,\n"
	  "    \"Metadata\": {\n"
	  "        \"KeyName\": \"\"\n"
	  "    },\n"
	  "    \"ServerSideEncryption\": \"AES256\",\n"
	  "    \"StorageClass\": \"STANDARD\",\n"
	  "    \"WebsiteRedirectLocation\": \"\",\n"
	  "    \"SSECustomerAlgorithm\": \"\",\n"
	  "    \"SSECustomerKey\": \"\",\n"
	  "    \"SSECustomerKeyMD5\": \"\",\n"
	  "    \"SSEKMSKeyId\": \"\",\n"
	  "    \"SSEKMSEncryptionContext\": \"\",\n"
	  "    \"BucketKeyEnabled\": true,\n"
	  "    \"RequestPayer\": \"requester\",\n"
	  "    \"Tagging\": \"\",\n"
	  "    \"ObjectLockMode\": \"GOVERNANCE\",\n"
	  "    \"ObjectLockRetainUntilDate\": \"1970-01-01T00:00:00\",\n"
	  "    \"ObjectLockLegalHoldStatus\": \"ON\",\n"
	  "    \"ExpectedBucketOwner\": \"\"\n"
	  "}" },
	{ "ecr", "DescribeRepositories", true,
	  "{\n"
	  "    \"repositories\": [\n"
	  "        {\n"
	  "            \"repositoryArn\": \"repositoryArn\",\n"
	  "            \"registryId\": \"registryId\",\n"
	  "            \"repositoryName\": \"repositoryName\",\n"
	  "            \"repositoryUri\": \"repositoryUri\",\n"
	  "            \"createdAt\": \"1970-01-01T00:00:00\",\n"
	  "            \"imageTagMutability\": \"imageTagMutability\",\n"
	  "            \"imageTagMutabilityExclusionFilters\": [\n"
	  "                {\n"
	  "                    \"filterType\": \"filterType\",\n"
	  "                    \"filter\": \"filter\"\n"
	  "                }\n"
	  "            ],\n"
	  "            \"imageScanningConfiguration\": {\n"
	  "                \"scanOnPush\": true\n"
	  "            },\n"
	  "            \"encryptionConfiguration\": {\n"
	  "                \"encryptionType\": \"encryptionType\",\n"
	  "                \"kmsKey\": \"kmsKey\"\n"
	  "            }\n"
	  "        }\n"
	  "    ],\n"
	  "    \"nextToken\": \"nextToken\"\n"
	  "}" },
	{ "lambda", "CreateFunction", false,
	  "{\n"
	  "    \"FunctionName\": \"\",\n"
	  "    \"Runtime\": \"nodejs\",\n"
	  "    \"Role\": \"\",\n"
	  "    \"Handler\": \"\",\n"
	  "    \"Code\": {\n"
	  "        \"ZipFile\": null,\n"
	  "        \"S3Bucket\": \"\",\n"
	  "        \"S3Key\": \"\",\n"
	  "        \"S3ObjectVersion\": \"\",\n"
	  "        \"ImageUri\": \"\",\n"
	  "        \"SourceKMSKeyArn\": \"\"\n"
	  "    },\n"
	  "    \"Description\": \"\",\n"
	  "    \"Timeout\": 0,\n"
	  "    \"MemorySize\": 0,\n"
	  "    \"Publish\": true,\n"
	  "    \"VpcConfig\": {\n"
	  "        \"SubnetIds\": [\n"
	  "            \"\"\n"
	  "        ],\n"
	  "        \"SecurityGroupIds\": [\n"
	  "            \"\"\n"
	  "        ],\n"
	  "        \"Ipv6AllowedForDualStack\": true\n"
	  "    },\n"
	  "    \"PackageType\": \"Zip\",\n"
	  "    \"DeadLetterConfig\": {\n"
	  "        \"TargetArn\": \"\"\n"
	  "    },\n"
	  "    \"Environment\": {\n"
	  "        \"Variables\": {\n"
	  "            \"KeyName\": \"\"\n"
	  "        }\n"
	  "    },\n"
	  "    \"KMSKeyArn\": \"\",\n"
	  "    \"TracingConfig\": {\n"
	  "        \"Mode\": \"Active\"\n"
	  "    },\n"
	  "    \"Tags\": {\n"
	  "        \"KeyName\": \"\"\n"
	  "    },\n"
	  "    \"Layers\": [\n"
	  "        \"\"\n"
	  "    ],\n"
	  "    \"FileSystemConfigs\": [\n"
	  "        {\n"
	  "            \"Arn\": \"\",\n"
	  "            \"LocalMountPath\": \"\"\n"
	  "        }\n"
	  "    ],\n"
	  "    \"ImageConfig\": {\n"
	  "        \"EntryPoint\": [\n"
	  "            \"\"\n"
	  "        ],\n"
	  "        \"Command\": [\n"
	  "            \"\"\n"
	  "        ],\n"
	  "        \"WorkingDirectory\": \"\"\n"
	  "    },\n"
	  "    \"CodeSigningConfigArn\": \"\",\n"
	  "    \"Architectures\": [\n"
	  "        \"x86_64\"\n"
	  "    ],\n"
	  "    \"EphemeralStorage\": {\n"
	  "        \"Size\": 0\n"
	  "    },\n"
	  "    \"SnapStart\": {\n"
	  "        \"ApplyOn\": \"PublishedVersions\"\n"
	  "    },\n"
	  "    \"LoggingConfig\": {\n"
	  "        \"LogFormat\": \"JSON\",\n"
	  "        \"ApplicationLogLevel\": \"TRACE\",\n"
	  "        \"SystemLogLevel\": \"DEBUG\",\n"
	  "        \"LogGroup\": \"\"\n"
	  "    },\n"
	  "    \"CapacityProviderConfig\": {\n"
	  "        \"LambdaManagedInstancesCapacityProviderConfig\": {\n"
	  "            \"CapacityProviderArn\": \"\",\n"
	  "            \"PerExecutionEnvironmentMaxConcurrency\": 0,\n"
	  "            \"ExecutionEnvironmentMemoryGiBPerVCpu\": 0.0\n"
	  "        }\n"
	  "    },\n"
	  "    \"PublishTo\": \"LATEST_PUBLISHED\",\n"
	  "    \"DurableConfig\": {\n"
	  "        \"RetentionPeriodInDays\": 0,\n"
	  "        \"ExecutionTimeout\": 0\n"
	  "    },\n"
	  "    \"TenancyConfig\": {\n"
	  "        \"TenantIsolationMode\": \"PER_TENANT\"\n"
	  "    }\n"
	  "}" },
	{ "sts", "GetCallerIdentity", true,
	  "{\n"
	  "    \"UserId\": \"UserId\",\n"
	  "    \"Account\": \"Account\",\n"
	  "    \"Arn\": \"Arn\"\n"
	  "}" },
	{ "logs", "FilterLogEvents", true,
	  "{\n"
	  "    \"events\": [\n"
	  "        {\n"
	  "            \"logStreamName\": \"logStreamName\",\n"
	  "            \"timestamp\": 0,\n"
	  "            \"message\": \"message\",\n"
	  "            \"ingestionTime\": 0,\n"
	  "            \"eventId\": \"eventId\"\n"
	  "        }\n"
	  "    ],\n"
	  "    \"searchedLogStreams\": [\n"
	  "        {\n"
	  "            \"logStreamName\": \"logStreamName\",\n"
	  "            \"searchedCompletely\": true\n"
	  "        }\n"
	  "    ],\n"
	  "    \"nextToken\": \"nextToken\"\n"
	  "}" },
	{ "sts", "GetCallerIdentity", false,
	  "{}" },
};

static void
test_skeletons(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(skeleton_cases); i++) {
		const struct skeleton_case *c = &skeleton_cases[i];
		char *cause = NULL;
		const struct aws_service *svc = aws_model_get(c->service,
		    &cause);
		const struct aws_operation *op;
		const struct aws_ref *ref;
		struct hs_buf b = HS_BUF_INIT;
		cJSON *v;

		CU_ASSERT_PTR_NOT_NULL_FATAL(svc);
		op = aws_model_find_operation(svc, c->op);
		CU_ASSERT_PTR_NOT_NULL_FATAL(op);
		ref = c->output ? &op->output : &op->input;
		v = hs_skeleton(ref, c->output);
		hs_output_json(&b, v, ref->shape ? ref : NULL, 4, true);
		if (strcmp(b.buf, c->want) != 0)
			printf("# %s %s\n", c->service, c->op);
		HS_ASSERT_STR_EQ(b.buf, c->want);
		hs_buf_release(&b);
		cJSON_Delete(v);
	}
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case cases[] = {
		{ "dumps", test_dumps },
		{ "typed", test_typed },
		{ "print", test_print },
		{ "local_times", test_local_times },
		{ "skeletons", test_skeletons },
	};

	hs_unit_add_table("output", cases, HS_ARRAY_SIZE(cases));
}
