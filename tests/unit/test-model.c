/*
 * test-model.c: finding, loading, caching and resolving botocore models,
 * CLI names, paginators and botocore's parameter validation.
 */
#include "hs-common.h"
#include "harness.h"
#include "protocol-int.h"

#include <pthread.h>
#include <sys/stat.h>
#include <zlib.h>

static const struct aws_service *
load(const char *name)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get(name, &cause);

	if (svc == NULL)
		printf("# %s\n", cause);
	free(cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(svc);
	return svc;
}

static void
write_file(const char *path, const char *text, bool gzip)
{
	char *dir = hs_xstrdup(path), *slash = strrchr(dir, '/');

	*slash = '\0';
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	mkdir(dir, 0700);
	free(dir);
	if (gzip) {
		gzFile f = gzopen(path, "wb");

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		gzwrite(f, text, (unsigned)strlen(text));
		gzclose(f);
	} else {
		FILE *f = fopen(path, "w");

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		fputs(text, f);
		fclose(f);
	}
}

static const char demo_model[] =
    "{\"metadata\": {\"protocol\": \"json\", \"jsonVersion\": \"1.1\","
    " \"targetPrefix\": \"Demo\", \"apiVersion\": \"%s\","
    " \"endpointPrefix\": \"demo\"},"
    " \"operations\": {\"DoThing\": {\"name\": \"DoThing\","
    "  \"http\": {\"method\": \"POST\", \"requestUri\": \"/\"},"
    "  \"input\": {\"shape\": \"In\"}}},"
    " \"shapes\": {\"In\": {\"type\": \"structure\", \"members\": "
    "  {\"Name\": {\"shape\": \"S\"}}}, \"S\": {\"type\": \"string\"}}}";

/* A model folder holding demo/VERSION/service-2.json[.gz]. */
static void
write_demo(const char *root, const char *version, bool gzip)
{
	char *text = hs_xasprintf(demo_model, version);
	char *path = hs_xasprintf("%s/demo/%s/service-2.json%s", root, version,
	    gzip ? ".gz" : "");

	write_file(path, text, gzip);
	free(path);
	free(text);
}

static const char *const path_vars[] = {
	"HIPAA_SHELL_MODEL_PATH", "HS_MODEL_DIR", "BOTOCORE_DATA",
};
static char *saved_vars[3];

/* Keep the environment make check set, to put it back afterwards. */
static void
save_model_path(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(path_vars); i++) {
		const char *v = getenv(path_vars[i]);

		free(saved_vars[i]);
		saved_vars[i] = v ? hs_xstrdup(v) : NULL;
	}
}

static void
restore_model_path(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(path_vars); i++) {
		if (saved_vars[i] != NULL)
			setenv(path_vars[i], saved_vars[i], 1);
		else
			unsetenv(path_vars[i]);
		free(saved_vars[i]);
		saved_vars[i] = NULL;
	}
	aws_model_cache_clear();
}

/* Search only the given folders. */
static void
with_model_path(const char *dirs)
{
	save_model_path();
	setenv("HIPAA_SHELL_MODEL_PATH", dirs, 1);
	setenv("HS_MODEL_DIR", "/nonexistent", 1);
	setenv("BOTOCORE_DATA", "/nonexistent", 1);
	aws_model_cache_clear();
}

static void
test_search_path(void)
{
	char **path;

	save_model_path();
	setenv("HIPAA_SHELL_MODEL_PATH", "/a::/b", 1);
	setenv("HS_MODEL_DIR", "/c", 1);
	setenv("BOTOCORE_DATA", "/d", 1);
	path = aws_model_search_path();
	HS_ASSERT_STR_EQ(path[0], "/a");
	HS_ASSERT_STR_EQ(path[1], "/b");
	HS_ASSERT_STR_EQ(path[2], "/c");
	HS_ASSERT_STR_EQ(path[3], "/d");
	CU_ASSERT_PTR_NULL(path[4]);
	aws_model_list_free(path, SIZE_MAX);
	unsetenv("HIPAA_SHELL_MODEL_PATH");
	unsetenv("HS_MODEL_DIR");
	unsetenv("BOTOCORE_DATA");
	path = aws_model_search_path();
	/* the compiled-in folders remain: the installed models, botocore */
	CU_ASSERT_PTR_NOT_NULL(path[0]);
	CU_ASSERT_PTR_NOT_NULL(path[1]);
	aws_model_list_free(path, SIZE_MAX);
	restore_model_path();
}

static void
test_newest_version_and_gzip(void)
{
	const char *tmp = hs_unit_tmpdir();
	char *a = hs_xasprintf("%s/a", tmp), *b = hs_xasprintf("%s/b", tmp);
	char *dirs = hs_xasprintf("%s:%s", a, b);
	const struct aws_service *svc;

	write_demo(a, "2019-01-01", false);
	write_demo(b, "2021-05-05", true);
	write_demo(b, "2019-01-01", false);
	with_model_path(dirs);
	svc = load("demo");
	/* the newest version wins even from a later folder; gzip is read */
	HS_ASSERT_STR_EQ(svc->api_version, "2021-05-05");
	CU_ASSERT_TRUE(hs_ends_with(svc->model_path,
	    "/b/demo/2021-05-05/service-2.json.gz"));
	CU_ASSERT_EQUAL(svc->protocol, AWS_PROTOCOL_JSON);
	/* the same version in two folders: the first folder wins */
	write_demo(a, "2021-05-05", false);
	aws_model_cache_clear();
	svc = load("demo");
	CU_ASSERT_TRUE(hs_ends_with(svc->model_path,
	    "/a/demo/2021-05-05/service-2.json"));
	restore_model_path();
	free(a);
	free(b);
	free(dirs);
}

static void
test_extras_merged(void)
{
	const char *tmp = hs_unit_tmpdir();
	char *path = hs_xasprintf("%s/demo/2020-01-01/service-2.sdk-extras.json",
	    tmp);
	const struct aws_service *svc;
	const struct aws_shape *in;

	write_demo(tmp, "2020-01-01", false);
	write_file(path, "{\"version\": 1.0, \"merge\": {\"shapes\": {\"In\": "
	    "{\"members\": {\"Extra\": {\"shape\": \"S\"}}}}}}", false);
	with_model_path(tmp);
	svc = load("demo");
	in = aws_model_find_shape(svc, "In");
	CU_ASSERT_PTR_NOT_NULL(aws_model_find_member(in, "Name"));
	CU_ASSERT_PTR_NOT_NULL(aws_model_find_member(in, "Extra"));
	restore_model_path();
	free(path);
}

static void
test_unknown_and_invalid(void)
{
	char *cause = NULL;

	CU_ASSERT_PTR_NULL(aws_model_get("no-such-service-xyz", &cause));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "unknown service "
	    "'no-such-service-xyz'"));
	free(cause);
	cause = NULL;
	CU_ASSERT_PTR_NULL(aws_model_get("../etc", &cause));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "invalid service name"));
	free(cause);
	cause = NULL;
	CU_ASSERT_PTR_NULL(aws_model_get_cli("s3", &cause));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "s3api"));
	free(cause);
}

static void *
get_s3(void *arg)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get("s3", &cause);

	free(cause);
	return (void *)svc;
}

static void
test_cache_once_threads(void)
{
	pthread_t t[8];
	void *got[8];
	char *cause = NULL;
	int i;

	aws_model_cache_clear();
	for (i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, get_s3, NULL);
	for (i = 0; i < 8; i++)
		pthread_join(t[i], &got[i]);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got[0]);
	for (i = 1; i < 8; i++)
		CU_ASSERT_PTR_EQUAL(got[i], got[0]);
	CU_ASSERT_PTR_EQUAL(load("s3"), got[0]);
	CU_ASSERT_PTR_EQUAL(aws_model_get_cli("s3api", &cause), got[0]);
	free(cause);
}

static void
test_s3_put_object(void)
{
	const struct aws_service *svc = load("s3");
	const struct aws_operation *op = aws_model_find_operation_cli(svc,
	    "put-object");
	const struct aws_shape *in;
	const struct aws_member *m;

	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	HS_ASSERT_STR_EQ(op->name, "PutObject");
	HS_ASSERT_STR_EQ(op->http_method, "PUT");
	HS_ASSERT_STR_EQ(op->request_uri, "/{Bucket}/{Key+}");
	HS_ASSERT_STR_EQ(op->checksum_algorithm_member, "ChecksumAlgorithm");
	CU_ASSERT_EQUAL(svc->protocol, AWS_PROTOCOL_REST_XML);
	HS_ASSERT_STR_EQ(svc->cli_name, "s3api");
	in = op->input.shape;
	HS_ASSERT_STR_EQ(op->input.traits->payload, "Body");
	/* model order, not sorted */
	HS_ASSERT_STR_EQ(in->members[0].name, "ACL");
	HS_ASSERT_STR_EQ(in->members[1].name, "Body");
	m = aws_model_find_member_cli(in, "bucket");
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_TRUE(m->required);
	CU_ASSERT_EQUAL(m->ref.traits->location, AWS_LOCATION_URI);
	m = aws_model_find_member(in, "Body");
	CU_ASSERT_TRUE(m->ref.traits->flags & AWS_TRAIT_STREAMING);
	CU_ASSERT_EQUAL(m->ref.shape->type, AWS_SHAPE_BLOB);
	m = aws_model_find_member(in, "ACL");
	CU_ASSERT_EQUAL(m->ref.traits->location, AWS_LOCATION_HEADER);
	HS_ASSERT_STR_EQ(m->ref.traits->location_name, "x-amz-acl");
	CU_ASSERT_TRUE(m->ref.shape->n_enums > 3);
	/* the member's documentation overrides the shape's */
	CU_ASSERT_PTR_NOT_NULL(strstr(m->ref.traits->documentation,
	    "canned ACL"));
	m = aws_model_find_member(in, "Metadata");
	CU_ASSERT_EQUAL(m->ref.traits->location, AWS_LOCATION_HEADERS);
	HS_ASSERT_STR_EQ(m->ref.traits->location_name, "x-amz-meta-");
	m = aws_model_find_member_cli(in, "sse-customer-key-md5");
	CU_ASSERT_PTR_NOT_NULL(m);
	CU_ASSERT_PTR_NOT_NULL(aws_model_find_error(svc, "NoSuchKey"));
	CU_ASSERT_PTR_NULL(aws_model_find_error(svc, "PutObjectRequest"));
	/* Expires is a timestamp: service-2.sdk-extras.json says so */
	CU_ASSERT_EQUAL(aws_model_find_shape(svc, "Expires")->type,
	    AWS_SHAPE_TIMESTAMP);
}

static void
test_member_traits_override(void)
{
	const char *doc =
	    "{\"metadata\": {\"protocol\": \"rest-json\", \"apiVersion\": \"1\"},"
	    " \"operations\": {},"
	    " \"shapes\": {\"S\": {\"type\": \"structure\", \"members\": {"
	    "  \"A\": {\"shape\": \"T\"},"
	    "  \"B\": {\"shape\": \"T\", \"timestampFormat\": \"unixTimestamp\","
	    "        \"locationName\": \"b\", \"documentation\": \"member\"}}},"
	    "  \"T\": {\"type\": \"timestamp\", \"timestampFormat\": \"iso8601\","
	    "        \"documentation\": \"shape\"}}}";
	cJSON *desc = cJSON_Parse(doc);
	char *cause = NULL;
	struct aws_service *svc = aws_model_new(desc, NULL, "t", &cause);
	const struct aws_shape *s = aws_model_find_shape(svc, "S");
	const struct aws_member *a = aws_model_find_member(s, "A");
	const struct aws_member *b = aws_model_find_member(s, "B");

	CU_ASSERT_EQUAL(a->ref.traits->timestamp_format, AWS_TIMESTAMP_ISO8601);
	HS_ASSERT_STR_EQ(a->ref.traits->documentation, "shape");
	CU_ASSERT_PTR_EQUAL(a->ref.traits, &a->ref.shape->traits);
	CU_ASSERT_EQUAL(b->ref.traits->timestamp_format, AWS_TIMESTAMP_UNIX);
	HS_ASSERT_STR_EQ(b->ref.traits->documentation, "member");
	HS_ASSERT_STR_EQ(aws_ref_name(&b->ref, "x"), "b");
	HS_ASSERT_STR_EQ(aws_ref_name(&a->ref, "x"), "x");
	aws_model_free(svc);
	cJSON_Delete(desc);
}

static void
test_invalid_models(void)
{
	const char *doc =
	    "{\"metadata\": {\"protocol\": \"query\"}, \"operations\": {},"
	    " \"shapes\": {\"S\": {\"type\": \"structure\", \"members\": {"
	    "  \"A\": {\"shape\": \"Missing\"}}}}}";
	cJSON *desc = cJSON_Parse(doc);
	char *cause = NULL;

	CU_ASSERT_PTR_NULL(aws_model_new(desc, NULL, "t", &cause));
	HS_ASSERT_STR_EQ(cause, "invalid model: member 'A' of 'S' refers to "
	    "unknown shape 'Missing'");
	free(cause);
	cJSON_Delete(desc);
}

static void
test_protocol_choice(void)
{
	static const struct {
		const char *protocols;
		enum aws_protocol_kind kind;
	} cases[] = {
		{ "[\"smithy-rpc-v2-cbor\", \"json\"]", AWS_PROTOCOL_JSON },
		{ "[\"smithy-rpc-v2-cbor\", \"query\"]", AWS_PROTOCOL_QUERY },
		{ "[\"query\", \"json\"]", AWS_PROTOCOL_JSON },
		{ "[\"smithy-rpc-v2-cbor\"]", AWS_PROTOCOL_UNSUPPORTED },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		char *text = hs_xasprintf("{\"metadata\": {\"protocols\": %s},"
		    " \"operations\": {}, \"shapes\": {}}", cases[i].protocols);
		cJSON *desc = cJSON_Parse(text);
		char *cause = NULL;
		struct aws_service *svc = aws_model_new(desc, NULL, "t", &cause);

		CU_ASSERT_PTR_NOT_NULL_FATAL(svc);
		CU_ASSERT_EQUAL(svc->protocol, cases[i].kind);
		aws_model_free(svc);
		cJSON_Delete(desc);
		free(text);
	}
}

static void
test_service_facts(void)
{
	const struct aws_service *ecr = load("ecr"), *iam = load("iam");
	const struct aws_service *lambda = load("lambda");

	CU_ASSERT_EQUAL(ecr->protocol, AWS_PROTOCOL_JSON);
	HS_ASSERT_STR_EQ(ecr->json_version, "1.1");
	HS_ASSERT_STR_EQ(ecr->target_prefix,
	    "AmazonEC2ContainerRegistry_V20150921");
	CU_ASSERT_EQUAL(iam->protocol, AWS_PROTOCOL_QUERY);
	HS_ASSERT_STR_EQ(iam->xml_namespace,
	    "https://iam.amazonaws.com/doc/2010-05-08/");
	HS_ASSERT_STR_EQ(aws_model_find_operation(iam, "CreateRole")
	    ->output.traits->result_wrapper, "CreateRoleResult");
	CU_ASSERT_EQUAL(lambda->protocol, AWS_PROTOCOL_REST_JSON);
	HS_ASSERT_STR_EQ(lambda->signing_name, "lambda");
	HS_ASSERT_STR_EQ(load("s3")->xml_namespace,
	    "http://s3.amazonaws.com/doc/2006-03-01/");
	CU_ASSERT_TRUE(aws_model_find_operation(load("sts"),
	    "AssumeRoleWithWebIdentity")->flags & AWS_OP_UNSIGNED);
	HS_ASSERT_STR_EQ(aws_model_find_operation(load("logs"),
	    "GetLogObject")->host_prefix, "stream-");
}

static void
test_paginators(void)
{
	const struct aws_service *s3 = load("s3");
	const struct aws_paginator *p;

	p = aws_model_find_operation(s3, "ListObjectsV2")->paginator;
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->n_input_tokens, 1);
	HS_ASSERT_STR_EQ(p->input_tokens[0], "ContinuationToken");
	HS_ASSERT_STR_EQ(p->output_tokens[0], "NextContinuationToken");
	HS_ASSERT_STR_EQ(p->limit_key, "MaxKeys");
	CU_ASSERT_EQUAL(p->n_result_keys, 2);
	HS_ASSERT_STR_EQ(p->result_keys[0], "Contents");
	/* non_aggregate_keys come from paginators-1.sdk-extras.json */
	CU_ASSERT_EQUAL(p->n_non_aggregate_keys, 2);
	p = aws_model_find_operation(s3, "ListObjects")->paginator;
	HS_ASSERT_STR_EQ(p->output_tokens[0], "NextMarker || Contents[-1].Key");
	HS_ASSERT_STR_EQ(p->more_results, "IsTruncated");
	CU_ASSERT_PTR_NULL(aws_model_find_operation(s3, "PutObject")->paginator);
}

static void
test_xform_name(void)
{
	static const struct {
		const char *in, *dash, *under;
	} cases[] = {
		{ "PutBucketNotificationConfiguration",
		  "put-bucket-notification-configuration",
		  "put_bucket_notification_configuration" },
		{ "ListMFADevices", "list-mfa-devices", "list_mfa_devices" },
		{ "CreateRole", "create-role", "create_role" },
		{ "SSECustomerKeyMD5", "sse-customer-key-md5",
		  "sse_customer_key_md5" },
		{ "ListObjectsV2", "list-objects-v2", "list_objects_v2" },
		{ "DescribeDBInstances", "describe-db-instances",
		  "describe_db_instances" },
		{ "ListARNs", "list-arns", "list_arns" },
		{ "AddRoleToDBCluster", "add-role-to-db-cluster",
		  "add_role_to_db_cluster" },
		{ "CreateCachediSCSIVolume", "create-cached-iscsi-volume",
		  "create_cached_iscsi_volume" },
		{ "ExecutePartiQLStatement", "execute-partiql-statement",
		  "execute_partiql_statement" },
		{ "already-kebab", "already-kebab", "already-kebab" },
		{ "Bucket", "bucket", "bucket" },
		{ "S3", "s3", "s3" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		char *d = aws_model_xform_name(cases[i].in, '-');
		char *u = aws_model_xform_name(cases[i].in, '_');

		HS_ASSERT_STR_EQ(d, cases[i].dash);
		HS_ASSERT_STR_EQ(u, cases[i].under);
		free(d);
		free(u);
	}
}

static void
test_cli_service_names(void)
{
	HS_ASSERT_STR_EQ(aws_model_cli_service_name("s3"), "s3api");
	HS_ASSERT_STR_EQ(aws_model_cli_service_name("config"), "configservice");
	HS_ASSERT_STR_EQ(aws_model_cli_service_name("iam"), "iam");
	HS_ASSERT_STR_EQ(aws_model_service_name_for_cli("s3api"), "s3");
	HS_ASSERT_STR_EQ(aws_model_service_name_for_cli("deploy"),
	    "codedeploy");
	HS_ASSERT_STR_EQ(aws_model_service_name_for_cli("logs"), "logs");
	CU_ASSERT_PTR_NULL(aws_model_service_name_for_cli("s3"));
}

static void
test_list_services_and_data_files(void)
{
	size_t n, i;
	char **list = aws_model_list_services(&n);
	char *endpoints = aws_model_find_data_file("endpoints.json");
	bool s3 = false, iam = false;

	CU_ASSERT_TRUE(n > 10);
	for (i = 0; i < n; i++) {
		s3 |= strcmp(list[i], "s3") == 0;
		iam |= strcmp(list[i], "iam") == 0;
		if (i > 0)
			CU_ASSERT_TRUE(strcmp(list[i - 1], list[i]) < 0);
	}
	CU_ASSERT_TRUE(s3 && iam);
	CU_ASSERT_PTR_NOT_NULL(endpoints);
	CU_ASSERT_PTR_NULL(aws_model_find_data_file("no-such-file.json"));
	free(endpoints);
	aws_model_list_free(list, n);
}

/* Validate input text against an operation; the report or NULL. */
static char *
validate(const char *service, const char *op_name, const char *input)
{
	const struct aws_operation *op = aws_model_find_operation(load(service),
	    op_name);
	cJSON *in = aws_json_parse(input, strlen(input), NULL);
	char *cause = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	if (aws_model_validate_input(op, in, &cause) == 0)
		CU_ASSERT_PTR_NULL(cause);
	cJSON_Delete(in);
	return cause;
}

static void
test_validate(void)
{
	char *r;

	CU_ASSERT_PTR_NULL(validate("s3", "PutObject",
	    "{\"Bucket\": \"b\", \"Key\": \"k\", \"Body\": {\"file\": \"/x\"}}"));
	r = validate("s3", "PutObject", "{\"Bucket\": \"b\"}");
	HS_ASSERT_STR_EQ(r, "Missing required parameter in input: \"Key\"");
	free(r);
	r = validate("s3", "ListObjectsV2", "{\"Bucket\": \"b\", \"MaxKeys\": "
	    "\"ten\", \"Colour\": 1}");
	HS_ASSERT_STR_EQ(r, "Unknown parameter in input: \"Colour\", must be "
	    "one of: Bucket, Delimiter, EncodingType, MaxKeys, Prefix, "
	    "ContinuationToken, FetchOwner, StartAfter, RequestPayer, "
	    "ExpectedBucketOwner, OptionalObjectAttributes\n"
	    "Invalid type for parameter MaxKeys, value: ten, type: <class "
	    "'str'>, valid types: <class 'int'>");
	free(r);
	r = validate("iam", "CreateRole", "{\"RoleName\": \"\", "
	    "\"AssumeRolePolicyDocument\": \"{}\", \"Tags\": [{\"Kye\": 1}]}");
	HS_ASSERT_STR_EQ(r, "Invalid length for parameter RoleName, value: 0, "
	    "valid min length: 1\nMissing required parameter in Tags[0]: "
	    "\"Key\"\nMissing required parameter in Tags[0]: \"Value\"\n"
	    "Unknown parameter in Tags[0]: \"Kye\", must be one of: Key, "
	    "Value");
	free(r);
	r = validate("logs", "GetLogEvents", "{\"logStreamName\": \"s\", "
	    "\"limit\": 0}");
	HS_ASSERT_STR_EQ(r, "Invalid value for parameter limit, value: 0, "
	    "valid min value: 1");
	free(r);
	/* idempotency tokens are filled in, never reported missing */
	CU_ASSERT_PTR_NULL(validate("ec2", "CreateNetworkInsightsAccessScope",
	    "{}"));
}

static const struct hs_unit_case cases[] = {
	{ "search-path", test_search_path },
	{ "newest-version-and-gzip", test_newest_version_and_gzip },
	{ "extras-merged", test_extras_merged },
	{ "unknown-and-invalid", test_unknown_and_invalid },
	{ "cache-once-threads", test_cache_once_threads },
	{ "s3-put-object", test_s3_put_object },
	{ "member-traits-override", test_member_traits_override },
	{ "invalid-models", test_invalid_models },
	{ "protocol-choice", test_protocol_choice },
	{ "service-facts", test_service_facts },
	{ "paginators", test_paginators },
	{ "xform-name", test_xform_name },
	{ "cli-service-names", test_cli_service_names },
	{ "list-services-and-data-files", test_list_services_and_data_files },
	{ "validate", test_validate },
};

static int
clear_models(void)
{
	aws_model_cache_clear();
	return 0;
}

void
hs_unit_register(void)
{
	CU_pSuite s = hs_unit_add_table("model", cases, HS_ARRAY_SIZE(cases));

	CU_set_suite_cleanupfunc(s, clear_models);
}
