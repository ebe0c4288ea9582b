/*
 * test-protocol.c: what the protocols do beyond the botocore vectors,
 * on the real models: checksums, request compression, streaming bodies
 * in files, idempotency tokens, hostPrefix, base paths, input errors,
 * errors in each format as the AWS CLI reports them, S3's special
 * cases, request IDs, the retry classifier, output key order, and the
 * sandbox side (routing, errors, file bodies).
 */
#include "hs-common.h"
#include "harness.h"
#include "protocol-int.h"

#include <ctype.h>
#include <zlib.h>

static const struct aws_operation *
op_of(const char *service, const char *name)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get(service, &cause);
	const struct aws_operation *op;

	if (svc == NULL)
		printf("# %s\n", cause);
	free(cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(svc);
	op = aws_model_find_operation(svc, name);
	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	return op;
}

/* Serialize JSON text as the input of service.op; 0 or -1 (*cause). */
static int
serialize(const char *service, const char *name, const char *input,
    unsigned flags, struct aws_request *req, char **cause)
{
	const struct aws_operation *op = op_of(service, name);
	cJSON *in = aws_json_parse(input, strlen(input), NULL);
	char *ignored = NULL;
	int rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	aws_request_set_endpoint(req, "https://svc.example.com", &ignored);
	rc = aws_protocol_serialize(op, in, flags, req, cause);
	cJSON_Delete(in);
	return rc;
}

static void
test_checksum_defaults(void)
{
	struct aws_request req = AWS_REQUEST_INIT;
	char *cause = NULL, *want;

	/* supported, not required: CRC32 by default (botocore 1.36+) */
	CU_ASSERT_EQUAL(serialize("s3", "PutObject", "{\"Bucket\": \"b\", "
	    "\"Key\": \"k\", \"Body\": \"MTIzNDU2Nzg5\"}", 0, &req, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "x-amz-checksum-crc32"),
	    "y/Q5Jg==");
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers,
	    "x-amz-sdk-checksum-algorithm"), "CRC32");
	aws_request_clear(&req);
	/* ...and none when only required ones are wanted */
	CU_ASSERT_EQUAL(serialize("s3", "PutObject", "{\"Bucket\": \"b\", "
	    "\"Key\": \"k\", \"Body\": \"MTIzNDU2Nzg5\"}",
	    AWS_SERIALIZE_CHECKSUM_WHEN_REQUIRED, &req, &cause), 0);
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&req.headers, "x-amz-checksum-crc32"));
	aws_request_clear(&req);
	/* required: always, over the XML body */
	CU_ASSERT_EQUAL(serialize("s3", "PutBucketVersioning", "{\"Bucket\": "
	    "\"b\", \"VersioningConfiguration\": {\"Status\": \"Enabled\"}}",
	    AWS_SERIALIZE_CHECKSUM_WHEN_REQUIRED, &req, &cause), 0);
	want = aws_protocol_checksum("crc32", req.body.buf, req.body.len, NULL,
	    0, 0, &cause);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "x-amz-checksum-crc32"),
	    want);
	free(want);
	aws_request_clear(&req);
	/* the algorithm the input names */
	CU_ASSERT_EQUAL(serialize("s3", "PutObject", "{\"Bucket\": \"b\", "
	    "\"Key\": \"k\", \"Body\": \"MTIzNDU2Nzg5\", \"ChecksumAlgorithm\": "
	    "\"SHA256\"}", 0, &req, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "x-amz-checksum-sha256"),
	    "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=");
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&req.headers, "x-amz-checksum-crc32"));
	aws_request_clear(&req);
	/* a checksum the input gives is kept, not recomputed */
	CU_ASSERT_EQUAL(serialize("s3", "PutObject", "{\"Bucket\": \"b\", "
	    "\"Key\": \"k\", \"Body\": \"MTIzNDU2Nzg5\", \"ChecksumCRC32\": "
	    "\"AAAAAA==\"}", 0, &req, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "x-amz-checksum-crc32"),
	    "AAAAAA==");
	aws_request_clear(&req);
	CU_ASSERT_EQUAL(serialize("s3", "PutObject", "{\"Bucket\": \"b\", "
	    "\"Key\": \"k\", \"ChecksumAlgorithm\": \"XXHASH64\"}", 0, &req,
	    &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "unsupported checksum algorithm"));
	free(cause);
	aws_request_clear(&req);
}

static void
test_content_md5(void)
{
	const char *doc =
	    "{\"metadata\": {\"protocol\": \"rest-json\", \"apiVersion\": \"1\"},"
	    " \"operations\": {\"Put\": {\"http\": {\"method\": \"PUT\","
	    "  \"requestUri\": \"/\"}, \"input\": {\"shape\": \"In\"},"
	    "  \"httpChecksumRequired\": true}},"
	    " \"shapes\": {\"In\": {\"type\": \"structure\", \"members\": {"
	    "  \"A\": {\"shape\": \"S\"}}}, \"S\": {\"type\": \"string\"}}}";
	cJSON *desc = cJSON_Parse(doc), *in = cJSON_Parse("{\"A\": \"x\"}");
	char *cause = NULL, *want;
	struct aws_service *svc = aws_model_new(desc, NULL, "t", &cause);
	struct aws_request req = AWS_REQUEST_INIT;

	aws_request_set_endpoint(&req, "https://h", &cause);
	CU_ASSERT_EQUAL(aws_protocol_serialize(aws_model_find_operation(svc,
	    "Put"), in, 0, &req, &cause), 0);
	want = aws_protocol_checksum("md5", req.body.buf, req.body.len, NULL, 0,
	    0, &cause);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "Content-MD5"), want);
	free(want);
	aws_request_clear(&req);
	cJSON_Delete(in);
	cJSON_Delete(desc);
	aws_model_free(svc);
}

/* Gunzip a body, as a server would. */
static char *
gunzip(const struct hs_buf *b)
{
	struct hs_buf out = HS_BUF_INIT;
	unsigned char chunk[4096];
	z_stream z;
	int zrc;

	memset(&z, 0, sizeof z);
	CU_ASSERT_FATAL(inflateInit2(&z, 15 + 16) == Z_OK);
	z.next_in = (Bytef *)b->buf;
	z.avail_in = (uInt)b->len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		zrc = inflate(&z, Z_NO_FLUSH);
		hs_buf_add(&out, chunk, sizeof chunk - z.avail_out);
	} while (zrc == Z_OK);
	CU_ASSERT_EQUAL(zrc, Z_STREAM_END);
	inflateEnd(&z);
	hs_buf_addch(&out, '\0');
	return hs_buf_detach(&out, NULL);
}

/* Serialize {"A": n x's[, "E": enc]} through an operation of a model
 * with the requestcompression trait; extra goes in the operation. */
static void
compress_case(const char *extra, const char *member_traits, size_t n,
    const char *enc, const struct aws_serialize_opts *o,
    struct aws_request *req)
{
	char *doc = hs_xasprintf(
	    "{\"metadata\": {\"protocol\": \"rest-json\", \"apiVersion\": \"1\"},"
	    " \"operations\": {\"Put\": {\"http\": {\"method\": \"PUT\","
	    "  \"requestUri\": \"/\"}, \"input\": {\"shape\": \"In\"},"
	    "  \"requestcompression\": {\"encodings\": [\"gzip\"]}%s}},"
	    " \"shapes\": {\"In\": {\"type\": \"structure\", %s \"members\": {"
	    "  \"E\": {\"shape\": \"S\", \"location\": \"header\","
	    "   \"locationName\": \"Content-Encoding\"},"
	    "  \"A\": {\"shape\": \"S\"}}}, \"S\": {\"type\": \"string\" %s}}}",
	    extra, *member_traits ? "\"payload\": \"A\"," : "", member_traits);
	cJSON *desc = cJSON_Parse(doc), *in = cJSON_CreateObject();
	char *cause = NULL, *a = hs_xmalloc(n + 1);
	struct aws_service *svc = aws_model_new(desc, NULL, "t", &cause);

	memset(a, 'x', n);
	a[n] = '\0';
	cJSON_AddStringToObject(in, "A", a);
	if (enc != NULL)
		cJSON_AddStringToObject(in, "E", enc);
	aws_request_set_endpoint(req, "https://h", &cause);
	CU_ASSERT_EQUAL(aws_protocol_serialize_opts(aws_model_find_operation(
	    svc, "Put"), in, o, req, &cause), 0);
	free(cause);
	free(a);
	free(doc);
	cJSON_Delete(in);
	cJSON_Delete(desc);
	aws_model_free(svc);
}

static void
test_request_compression(void)
{
	struct aws_serialize_opts def = { 0, AWS_COMPRESSION_MIN_SIZE_DEFAULT };
	struct aws_serialize_opts off = { AWS_SERIALIZE_NO_COMPRESSION, 0 };
	struct aws_serialize_opts one = { 0, 1 };
	struct aws_request req = AWS_REQUEST_INIT;
	char *plain, *want;

	/* below the threshold: sent as is */
	compress_case("", "", 10000, NULL, &def, &req);
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&req.headers, "Content-Encoding"));
	CU_ASSERT_EQUAL(req.body.len, 10000 + strlen("{\"A\":\"\"}"));
	aws_request_clear(&req);
	/* at it: gzipped, and the body inflates back to the JSON */
	compress_case("", "", 10240, NULL, &def, &req);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "Content-Encoding"),
	    "gzip");
	CU_ASSERT(req.body.len < 200);
	plain = gunzip(&req.body);
	CU_ASSERT_EQUAL(strlen(plain), 10240 + strlen("{\"A\":\"\"}"));
	CU_ASSERT_EQUAL(strncmp(plain, "{\"A\":\"xxx", 9), 0);
	free(plain);
	aws_request_clear(&req);
	/* a provided encoding comes first */
	compress_case("", "", 20000, "custom", &def, &req);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "Content-Encoding"),
	    "custom, gzip");
	aws_request_clear(&req);
	/* disable_request_compression, and the smallest threshold */
	compress_case("", "", 20000, NULL, &off, &req);
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&req.headers, "Content-Encoding"));
	CU_ASSERT(req.body.len > 20000);
	aws_request_clear(&req);
	compress_case("", "", 3, NULL, &one, &req);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "Content-Encoding"),
	    "gzip");
	aws_request_clear(&req);
	/* the checksum covers the compressed body (botocore's order) */
	compress_case(", \"httpChecksumRequired\": true", "", 20000, NULL, &def,
	    &req);
	want = aws_protocol_checksum("md5", req.body.buf, req.body.len, NULL, 0,
	    0, NULL);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "Content-MD5"), want);
	free(want);
	aws_request_clear(&req);
	/* a streaming input: any size, unless it requires a length */
	compress_case("", ", \"streaming\": true", 5, NULL, &def, &req);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "Content-Encoding"),
	    "gzip");
	plain = gunzip(&req.body);
	HS_ASSERT_STR_EQ(plain, "xxxxx");
	free(plain);
	aws_request_clear(&req);
	compress_case("", ", \"streaming\": true, \"requiresLength\": true",
	    20000, NULL, &def, &req);
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&req.headers, "Content-Encoding"));
	aws_request_clear(&req);
}

static void
test_streaming_file_body(void)
{
	const char *dir = hs_unit_tmpdir();
	char *file = hs_xasprintf("%s/object.phi", dir), *input, *cause = NULL;
	struct aws_request req = AWS_REQUEST_INIT;
	FILE *f = fopen(file, "w");

	fputs("123456789", f);
	fclose(f);
	input = hs_xasprintf("{\"Bucket\": \"phi-demo\", \"Key\": \"a b/c.phi\","
	    " \"Body\": {\"file\": \"%s\"}, \"ServerSideEncryption\": "
	    "\"AES256\"}", file);
	CU_ASSERT_EQUAL(serialize("s3", "PutObject", input, 0, &req, &cause),
	    0);
	CU_ASSERT_EQUAL(req.body_kind, AWS_BODY_FILE);
	HS_ASSERT_STR_EQ(req.body_file, file);
	CU_ASSERT_EQUAL(req.body.len, 0);
	HS_ASSERT_STR_EQ(req.path, "/phi-demo/a%20b/c.phi");
	HS_ASSERT_STR_EQ(req.method, "PUT");
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers,
	    "x-amz-server-side-encryption"), "AES256");
	/* the checksum was read from the file */
	HS_ASSERT_STR_EQ(aws_kvlist_get(&req.headers, "x-amz-checksum-crc32"),
	    "y/Q5Jg==");
	HS_ASSERT_STR_EQ(req.service_id, "s3");
	HS_ASSERT_STR_EQ(req.operation, "PutObject");
	aws_request_clear(&req);
	free(input);
	free(file);
}

static bool
is_uuid4(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 36 || s[14] != '4' ||
	    strchr("89ab", s[19]) == NULL)
		return false;
	for (i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' :
		    !isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

static void
test_idempotency_tokens(void)
{
	const struct aws_operation *op = op_of("ecs", "RunTask");
	cJSON *in = cJSON_Parse("{\"taskDefinition\": \"t\"}");
	struct aws_request req = AWS_REQUEST_INIT;
	char *cause = NULL, *body;

	aws_request_set_endpoint(&req, "https://h", &cause);
	CU_ASSERT_EQUAL(aws_protocol_serialize(op, in, 0, &req, &cause), 0);
	body = strstr(req.body.buf, "\"clientToken\":\"");
	CU_ASSERT_PTR_NOT_NULL_FATAL(body);
	body = hs_xstrndup(body + 15, 36);
	CU_ASSERT_TRUE(is_uuid4(body));
	free(body);
	/* the caller's input is left as it was */
	CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(in, "clientToken"));
	aws_request_clear(&req);
	aws_request_set_endpoint(&req, "https://h", &cause);
	CU_ASSERT_EQUAL(aws_protocol_serialize(op, in,
	    AWS_SERIALIZE_NO_IDEMPOTENCY_TOKEN, &req, &cause), 0);
	CU_ASSERT_PTR_NULL(strstr(req.body.buf, "clientToken"));
	aws_request_clear(&req);
	/* filled into the input when asked, kept when present */
	CU_ASSERT_EQUAL(aws_protocol_fill_idempotency_tokens(op, in), 1);
	CU_ASSERT_TRUE(is_uuid4(cJSON_GetObjectItem(in,
	    "clientToken")->valuestring));
	CU_ASSERT_EQUAL(aws_protocol_fill_idempotency_tokens(op, in), 0);
	cJSON_Delete(in);
}

static void
test_host_prefix(void)
{
	struct aws_request req = AWS_REQUEST_INIT;
	char *cause = NULL;
	cJSON *in;

	CU_ASSERT_EQUAL(serialize("logs", "GetLogObject", "{\"logObjectPointer\":"
	    " \"p\"}", 0, &req, &cause), 0);
	HS_ASSERT_STR_EQ(req.host, "stream-svc.example.com");
	aws_request_clear(&req);
	CU_ASSERT_EQUAL(serialize("logs", "GetLogObject", "{\"logObjectPointer\":"
	    " \"p\"}", AWS_SERIALIZE_NO_HOST_PREFIX, &req, &cause), 0);
	HS_ASSERT_STR_EQ(req.host, "svc.example.com");
	aws_request_clear(&req);
	CU_ASSERT_EQUAL(serialize("s3", "WriteGetObjectResponse",
	    "{\"RequestRoute\": \"bad/route\", \"RequestToken\": \"t\"}", 0,
	    &req, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "RequestRoute"));
	free(cause);
	cause = NULL;
	aws_request_clear(&req);
	/* without an endpoint there is no host to prefix */
	in = cJSON_Parse("{\"logObjectPointer\": \"p\"}");
	CU_ASSERT_EQUAL(aws_protocol_serialize(op_of("logs", "GetLogObject"),
	    in, 0, &req, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(cause);
	free(cause);
	cJSON_Delete(in);
	aws_request_clear(&req);
}

static void
test_base_path_and_labels(void)
{
	struct aws_request req = AWS_REQUEST_INIT;
	char *cause = NULL;
	cJSON *in = cJSON_Parse("{\"FunctionName\": \"my:fn\"}");

	aws_request_set_endpoint(&req, "http://127.0.0.1:4566/base/", &cause);
	CU_ASSERT_EQUAL(aws_protocol_serialize(op_of("lambda", "GetFunction"),
	    in, 0, &req, &cause), 0);
	HS_ASSERT_STR_EQ(req.path, "/base/2015-03-31/functions/my%3Afn");
	HS_ASSERT_STR_EQ(req.method, "GET");
	cJSON_Delete(in);
	aws_request_clear(&req);
	CU_ASSERT_EQUAL(serialize("s3", "GetObject", "{\"Bucket\": \"b\", "
	    "\"Key\": \"\"}", 0, &req, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "parameter Key must not be empty: it is part "
	    "of the URL path");
	free(cause);
	cause = NULL;
	aws_request_clear(&req);
	CU_ASSERT_EQUAL(serialize("s3", "GetObject", "{\"Key\": \"k\"}", 0,
	    &req, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "missing required parameter for the URL "
	    "path: {Bucket}");
	free(cause);
	aws_request_clear(&req);
}

static void
test_input_errors(void)
{
	struct aws_request req = AWS_REQUEST_INIT;
	char *cause = NULL;

	CU_ASSERT_EQUAL(serialize("iam", "CreateRole", "{\"RoleName\": \"r\", "
	    "\"AssumeRolePolicyDocument\": \"{}\", \"Tags\": [{\"Key\": 1, "
	    "\"Value\": \"v\"}]}", 0, &req, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "invalid type for parameter Tags[0].Key: got a "
	    "number, expected a string (string)");
	free(cause);
	cause = NULL;
	aws_request_clear(&req);
	CU_ASSERT_EQUAL(serialize("ecr", "CreateRepository", "{\"repositoryName\":"
	    " \"r\", \"colour\": \"red\"}", 0, &req, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "unknown parameter 'colour' for "
	    "'CreateRepositoryRequest'");
	free(cause);
	cause = NULL;
	aws_request_clear(&req);
	CU_ASSERT_EQUAL(serialize("logs", "PutLogEvents", "{\"logGroupName\": "
	    "\"g\", \"logStreamName\": \"s\", \"logEvents\": [{\"timestamp\": "
	    "1.5, \"message\": \"m\"}]}", 0, &req, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "logEvents[0].timestamp"));
	free(cause);
	aws_request_clear(&req);
}

/* A response with a status, headers "Name: value\n" and a body. */
static void
make_response(struct aws_response *resp, int status, const char *headers,
    const char *body)
{
	char *copy = hs_xstrdup(headers), *line, *save = NULL;

	aws_response_init(resp);
	resp->status = status;
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':');

		*colon = '\0';
		aws_kvlist_add(&resp->headers, line, colon + 2);
	}
	free(copy);
	if (hs_buf_adds(&resp->body, body) < 0)
		BUG("body too large");
	resp->body_length = (off_t)resp->body.len;
}

/* Parse an error response; the CLI's message for it. */
static char *
error_message(const char *service, const char *name, int status,
    const char *headers, const char *body, struct aws_error *err)
{
	struct aws_response resp;
	cJSON *out = NULL;
	char *cause = NULL;

	make_response(&resp, status, headers, body);
	CU_ASSERT_EQUAL(aws_protocol_parse(op_of(service, name), NULL, &resp,
	    &out, err, &cause), AWS_PARSE_SERVICE_ERROR);
	aws_response_clear(&resp);
	cJSON_Delete(out);
	return aws_error_describe(err, name);
}

static void
test_errors_as_the_cli_says(void)
{
	struct aws_error err = AWS_ERROR_INIT;
	char *msg;

	msg = error_message("s3", "GetObject", 404, "x-amz-request-id: R1\n"
	    "x-amz-id-2: H1\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<Error><Code>NoSuchKey</Code><Message>The specified key does not "
	    "exist.</Message><Key>k</Key><RequestId>R1</RequestId>"
	    "<HostId>H1</HostId></Error>", &err);
	HS_ASSERT_STR_EQ(msg, "An error occurred (NoSuchKey) when calling the "
	    "GetObject operation: The specified key does not exist.");
	HS_ASSERT_STR_EQ(err.request_id, "R1");
	HS_ASSERT_STR_EQ(err.host_id, "H1");
	CU_ASSERT_EQUAL(err.status, 404);
	CU_ASSERT_PTR_EQUAL(err.shape, aws_model_find_error(
	    op_of("s3", "GetObject")->service, "NoSuchKey"));
	free(msg);
	aws_error_clear(&err);
	msg = error_message("s3", "HeadObject", 404, "x-amz-request-id: R2\n",
	    "", &err);
	HS_ASSERT_STR_EQ(msg, "An error occurred (404) when calling the "
	    "HeadObject operation: Not Found");
	free(msg);
	aws_error_clear(&err);
	msg = error_message("iam", "CreateRole", 409, "", "<ErrorResponse xmlns="
	    "\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender"
	    "</Type><Code>EntityAlreadyExists</Code><Message>Role with name r "
	    "already exists.</Message></Error><RequestId>R3</RequestId>"
	    "</ErrorResponse>", &err);
	HS_ASSERT_STR_EQ(msg, "An error occurred (EntityAlreadyExists) when "
	    "calling the CreateRole operation: Role with name r already "
	    "exists.");
	HS_ASSERT_STR_EQ(err.type, "Sender");
	HS_ASSERT_STR_EQ(err.request_id, "R3");
	free(msg);
	aws_error_clear(&err);
	msg = error_message("ecr", "DescribeRepositories", 400,
	    "x-amzn-RequestId: R4\n", "{\"__type\": \"com.amazonaws.ecr#"
	    "RepositoryNotFoundException\", \"message\": \"The repository "
	    "does not exist\"}", &err);
	HS_ASSERT_STR_EQ(msg, "An error occurred (RepositoryNotFoundException) "
	    "when calling the DescribeRepositories operation: The repository "
	    "does not exist");
	HS_ASSERT_STR_EQ(err.request_id, "R4");
	free(msg);
	aws_error_clear(&err);
	msg = error_message("lambda", "GetFunction", 404, "X-Amzn-ErrorType: "
	    "ResourceNotFoundException:http://internal.amazon.com/\n",
	    "{\"Type\": \"User\", \"Message\": \"Function not found\"}", &err);
	HS_ASSERT_STR_EQ(msg, "An error occurred (ResourceNotFoundException) "
	    "when calling the GetFunction operation: Function not found");
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(err.fields, "Type")->valuestring,
	    "User");
	free(msg);
	aws_error_clear(&err);
	msg = error_message("sts", "GetCallerIdentity", 503, "",
	    "<html><body>Service Unavailable</body></html>", &err);
	HS_ASSERT_STR_EQ(msg, "An error occurred (503) when calling the "
	    "GetCallerIdentity operation: Service Unavailable");
	free(msg);
	aws_error_clear(&err);
}

static void
test_s3_specials(void)
{
	struct aws_response resp;
	struct aws_error err = AWS_ERROR_INIT;
	cJSON *out = NULL;
	char *cause = NULL;
	const char *error_doc = "<Error><Code>InternalError</Code><Message>We "
	    "encountered an internal error.</Message></Error>";

	/* 200 with an error document: an error (and retryable) */
	make_response(&resp, 200, "", error_doc);
	CU_ASSERT_EQUAL(aws_protocol_parse(op_of("s3",
	    "CompleteMultipartUpload"), NULL, &resp, &out, &err, &cause),
	    AWS_PARSE_SERVICE_ERROR);
	HS_ASSERT_STR_EQ(err.code, "InternalError");
	aws_error_clear(&err);
	cause = aws_protocol_error_code(op_of("s3", "CopyObject"), &resp);
	HS_ASSERT_STR_EQ(cause, "InternalError");
	free(cause);
	cause = NULL;
	/* ...but an object whose content looks so is just an object */
	CU_ASSERT_EQUAL(aws_protocol_parse(op_of("s3", "GetObject"), NULL, &resp,
	    &out, &err, &cause), AWS_PARSE_OK);
	CU_ASSERT_PTR_NOT_NULL(cJSON_GetObjectItem(out, "Body"));
	cJSON_Delete(out);
	aws_response_clear(&resp);
	make_response(&resp, 200, "", "<?xml version=\"1.0\"?>\n"
	    "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/"
	    "2006-03-01/\">eu-west-1</LocationConstraint>");
	CU_ASSERT_EQUAL(aws_protocol_parse(op_of("s3", "GetBucketLocation"),
	    NULL, &resp, &out, &err, &cause), AWS_PARSE_OK);
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(out, "LocationConstraint")
	    ->valuestring, "eu-west-1");
	cJSON_Delete(out);
	aws_response_clear(&resp);
	make_response(&resp, 200, "", "<LocationConstraint/>");
	CU_ASSERT_EQUAL(aws_protocol_parse(op_of("s3", "GetBucketLocation"),
	    NULL, &resp, &out, &err, &cause), AWS_PARSE_OK);
	CU_ASSERT_TRUE(cJSON_IsNull(cJSON_GetObjectItem(out,
	    "LocationConstraint")));
	cJSON_Delete(out);
	aws_response_clear(&resp);
}

static void
test_s3_list_url_encoding(void)
{
	const struct aws_operation *op = op_of("s3", "ListObjectsV2");
	struct aws_request req = AWS_REQUEST_INIT;
	struct aws_response resp;
	struct aws_error err = AWS_ERROR_INIT;
	cJSON *out = NULL, *mine = cJSON_Parse("{\"Bucket\": \"b\", "
	    "\"EncodingType\": \"url\"}");
	char *cause = NULL;
	const char *body = "<ListBucketResult><Contents><Key>a%20b%2Bc%C3%A9"
	    "</Key></Contents><Prefix>p%2F</Prefix><EncodingType>url"
	    "</EncodingType></ListBucketResult>";

	/* the serializer asks for url keys, as botocore and the CLI do */
	CU_ASSERT_EQUAL(serialize("s3", "ListObjectsV2", "{\"Bucket\": \"b\"}",
	    0, &req, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get_exact(&req.query, "encoding-type"),
	    "url");
	aws_request_clear(&req);
	/* ...and decodes them, keeping EncodingType in the output */
	make_response(&resp, 200, "", body);
	CU_ASSERT_EQUAL(aws_protocol_parse(op, NULL, &resp, &out, &err,
	    &cause), AWS_PARSE_OK);
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(out, "Contents"), 0), "Key")->valuestring,
	    "a b+c\xc3\xa9");
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(out, "Prefix")->valuestring, "p/");
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(out, "EncodingType")->valuestring,
	    "url");
	cJSON_Delete(out);
	/* when the caller chose url, the keys stay encoded */
	CU_ASSERT_EQUAL(aws_protocol_parse(op, mine, &resp, &out, &err,
	    &cause), AWS_PARSE_OK);
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(out, "Prefix")->valuestring,
	    "p%2F");
	cJSON_Delete(out);
	cJSON_Delete(mine);
	aws_response_clear(&resp);
}

static void
test_error_code_and_request_id(void)
{
	struct aws_response resp;
	const struct aws_operation *op = op_of("sts", "GetCallerIdentity");
	char *s;

	make_response(&resp, 200, "", "<GetCallerIdentityResponse><Get"
	    "CallerIdentityResult><Account>123</Account></GetCallerIdentity"
	    "Result><ResponseMetadata><RequestId>R5</RequestId>"
	    "</ResponseMetadata></GetCallerIdentityResponse>");
	CU_ASSERT_PTR_NULL(aws_protocol_error_code(op, &resp));
	CU_ASSERT_FALSE(aws_protocol_is_error(op, &resp));
	s = aws_protocol_request_id(op, &resp);
	HS_ASSERT_STR_EQ(s, "R5");
	free(s);
	aws_response_clear(&resp);
	make_response(&resp, 400, "x-amzn-RequestId: R6\n", "<ErrorResponse>"
	    "<Error><Code>Throttling</Code><Message>Rate exceeded</Message>"
	    "</Error></ErrorResponse>");
	s = aws_protocol_error_code(op, &resp);
	HS_ASSERT_STR_EQ(s, "Throttling");
	free(s);
	s = aws_protocol_request_id(op, &resp);
	HS_ASSERT_STR_EQ(s, "R6");
	free(s);
	aws_response_clear(&resp);
	make_response(&resp, 502, "", "");
	s = aws_protocol_error_code(op, &resp);
	HS_ASSERT_STR_EQ(s, "502");
	free(s);
	aws_response_clear(&resp);
}

static void
test_output_order_and_values(void)
{
	struct aws_response resp;
	struct aws_error err = AWS_ERROR_INIT;
	cJSON *out = NULL;
	char *cause = NULL, *text;

	/* query: model order whatever the wire order; ISO 8601 output */
	make_response(&resp, 200, "", "<GetRoleResponse><GetRoleResult><Role>"
	    "<RoleId>AROA</RoleId><CreateDate>2024-01-02T03:04:05Z</CreateDate>"
	    "<Path>/</Path><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r"
	    "</Arn></Role></GetRoleResult></GetRoleResponse>");
	CU_ASSERT_EQUAL(aws_protocol_parse(op_of("iam", "GetRole"), NULL, &resp,
	    &out, &err, &cause), AWS_PARSE_OK);
	text = cJSON_PrintUnformatted(out);
	HS_ASSERT_STR_EQ(text, "{\"Role\":{\"Path\":\"/\",\"RoleName\":\"r\","
	    "\"RoleId\":\"AROA\",\"Arn\":\"arn:aws:iam::1:role/r\","
	    "\"CreateDate\":\"2024-01-02T03:04:05+00:00\"}}");
	free(text);
	cJSON_Delete(out);
	aws_response_clear(&resp);
	/* rest: header members first, then the body's, as botocore does */
	make_response(&resp, 200, "x-amz-request-charged: requester\n",
	    "<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount>"
	    "<IsTruncated>false</IsTruncated></ListBucketResult>");
	CU_ASSERT_EQUAL(aws_protocol_parse(op_of("s3", "ListObjectsV2"), NULL, &resp,
	    &out, &err, &cause), AWS_PARSE_OK);
	text = cJSON_PrintUnformatted(out);
	HS_ASSERT_STR_EQ(text, "{\"RequestCharged\":\"requester\","
	    "\"IsTruncated\":false,\"Name\":\"b\",\"KeyCount\":0}");
	free(text);
	cJSON_Delete(out);
	aws_response_clear(&resp);
	/* json: epoch seconds become the output form; longs stay exact */
	make_response(&resp, 200, "", "{\"repositories\": [{\"createdAt\": "
	    "1700000000.5, \"repositoryName\": \"r\"}]}");
	CU_ASSERT_EQUAL(aws_protocol_parse(op_of("ecr",
	    "DescribeRepositories"), NULL, &resp, &out, &err, &cause),
	    AWS_PARSE_OK);
	text = cJSON_PrintUnformatted(out);
	HS_ASSERT_STR_EQ(text, "{\"repositories\":[{\"repositoryName\":\"r\","
	    "\"createdAt\":\"2023-11-14T22:13:20.500000+00:00\"}]}");
	free(text);
	cJSON_Delete(out);
	aws_response_clear(&resp);
	CU_ASSERT_EQUAL(aws_protocol_timestamp_format(op_of("ecr",
	    "DescribeRepositories")->service, &aws_model_find_member(
	    aws_model_find_shape(op_of("ecr", "DescribeRepositories")->service,
	    "Repository"), "createdAt")->ref), AWS_TIMESTAMP_UNIX);
}

static void
test_file_output(void)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_error err = AWS_ERROR_INIT;
	cJSON *out = NULL;
	char *cause = NULL;

	resp.status = 200;
	resp.body_kind = AWS_BODY_FILE;
	resp.body_file = hs_xstrdup("/tmp/out.phi");
	resp.body_length = 42;
	aws_kvlist_add(&resp.headers, "Content-Length", "42");
	CU_ASSERT_EQUAL(aws_protocol_parse(op_of("s3", "GetObject"), NULL, &resp,
	    &out, &err, &cause), AWS_PARSE_OK);
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "Body"),
	    "file")->valuestring, "/tmp/out.phi");
	CU_ASSERT_EQUAL(cJSON_GetObjectItem(out, "ContentLength")->valueint, 42);
	cJSON_Delete(out);
	aws_response_clear(&resp);
}

static void
test_server_routing(void)
{
	const struct aws_service *iam = op_of("iam", "CreateRole")->service;
	const struct aws_service *ecr = op_of("ecr", "CreateRepository")->service;
	const struct aws_service *s3 = op_of("s3", "GetObject")->service;
	struct aws_request req = AWS_REQUEST_INIT;
	char *cause = NULL;
	const char *form = "Action=GetUser&Version=2010-05-08";

	aws_request_set_method(&req, "POST");
	aws_request_set_path(&req, "/");
	aws_request_set_body(&req, form, strlen(form));
	HS_ASSERT_STR_EQ(aws_protocol_find_operation(iam, &req, &cause)->name,
	    "GetUser");
	aws_request_set_body(&req, "Action=Nope", 11);
	CU_ASSERT_PTR_NULL(aws_protocol_find_operation(iam, &req, &cause));
	HS_ASSERT_STR_EQ(cause, "unknown action 'Nope' for iam");
	free(cause);
	cause = NULL;
	aws_kvlist_set(&req.headers, "X-Amz-Target", "Other_V1.ListImages");
	CU_ASSERT_PTR_NULL(aws_protocol_find_operation(ecr, &req, &cause));
	free(cause);
	cause = NULL;
	aws_kvlist_set(&req.headers, "X-Amz-Target",
	    "AmazonEC2ContainerRegistry_V20150921.ListImages");
	HS_ASSERT_STR_EQ(aws_protocol_find_operation(ecr, &req, &cause)->name,
	    "ListImages");
	aws_request_set_method(&req, "GET");
	aws_request_set_path(&req, "/bucket");
	aws_kvlist_add(&req.query, "list-type", "2");
	HS_ASSERT_STR_EQ(aws_protocol_find_operation(s3, &req, &cause)->name,
	    "ListObjectsV2");
	aws_kvlist_clear(&req.query);
	aws_kvlist_add(&req.query, "uploads", NULL);
	HS_ASSERT_STR_EQ(aws_protocol_find_operation(s3, &req, &cause)->name,
	    "ListMultipartUploads");
	aws_request_set_method(&req, "PATCH");
	CU_ASSERT_PTR_NULL(aws_protocol_find_operation(s3, &req, &cause));
	HS_ASSERT_STR_EQ(cause, "no operation of s3 matches PATCH /bucket");
	free(cause);
	aws_request_clear(&req);
}

static void
test_server_file_bodies(void)
{
	const struct aws_operation *put = op_of("s3", "PutObject");
	const struct aws_operation *get = op_of("s3", "GetObject");
	struct aws_request req = AWS_REQUEST_INIT;
	struct aws_response resp = AWS_RESPONSE_INIT;
	cJSON *in = NULL, *out;
	char *cause = NULL;

	aws_request_set_method(&req, "PUT");
	aws_request_set_path(&req, "/b/dir/k%20ey");
	aws_request_set_body_file(&req, "/spool/upload.1", 0, 5);
	CU_ASSERT_EQUAL(aws_protocol_decode_request(put, &req, &in, &cause), 0);
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(in, "Key")->valuestring,
	    "dir/k ey");
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(cJSON_GetObjectItem(in, "Body"),
	    "file")->valuestring, "/spool/upload.1");
	cJSON_Delete(in);
	out = cJSON_Parse("{\"Body\": {\"file\": \"/store/obj.1\", \"length\": 5},"
	    " \"ContentLength\": 5, \"ETag\": \"\\\"e\\\"\"}");
	CU_ASSERT_EQUAL(aws_protocol_encode_response(get, out, "R7", &resp,
	    &cause), 0);
	CU_ASSERT_EQUAL(resp.body_kind, AWS_BODY_FILE);
	HS_ASSERT_STR_EQ(resp.body_file, "/store/obj.1");
	HS_ASSERT_STR_EQ(aws_kvlist_get(&resp.headers, "ETag"), "\"e\"");
	HS_ASSERT_STR_EQ(aws_kvlist_get(&resp.headers, "x-amz-request-id"),
	    "R7");
	cJSON_Delete(out);
	aws_response_clear(&resp);
	aws_request_clear(&req);
}

/* Encode an error for a service; the response. */
static void
encode_error(const char *service, const char *code, const char *message,
    struct aws_response *resp)
{
	const struct aws_service *svc = op_of(service, service[0] == 's' &&
	    service[1] == '3' ? "GetObject" : service[0] == 'i' ? "GetRole" :
	    service[0] == 'l' ? "GetFunction" : "CreateRepository")->service;
	struct aws_error err = AWS_ERROR_INIT;
	char *cause = NULL;

	err.code = hs_xstrdup(code);
	err.message = hs_xstrdup(message);
	err.request_id = hs_xstrdup("R8");
	err.shape = aws_model_find_error(svc, code);
	aws_response_init(resp);
	CU_ASSERT_EQUAL(aws_protocol_encode_error(svc, &err, resp, &cause), 0);
	aws_error_clear(&err);
}

static void
test_server_errors(void)
{
	struct aws_response resp;

	encode_error("s3", "NoSuchBucket", "The specified bucket does not "
	    "exist", &resp);
	CU_ASSERT_EQUAL(resp.status, 404);
	CU_ASSERT_PTR_NOT_NULL(strstr(resp.body.buf, "<Error><Code>NoSuchBucket"
	    "</Code><Message>The specified bucket does not exist</Message>"));
	HS_ASSERT_STR_EQ(aws_kvlist_get(&resp.headers, "x-amz-request-id"),
	    "R8");
	aws_response_clear(&resp);
	encode_error("iam", "NoSuchEntity", "Role r <cannot> be found", &resp);
	CU_ASSERT_EQUAL(resp.status, 404);
	CU_ASSERT_PTR_NOT_NULL(strstr(resp.body.buf, "<ErrorResponse xmlns=\""
	    "https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender"
	    "</Type><Code>NoSuchEntity</Code><Message>Role r &lt;cannot&gt; be "
	    "found</Message></Error><RequestId>R8</RequestId>"));
	aws_response_clear(&resp);
	encode_error("ecr", "RepositoryNotFoundException", "gone", &resp);
	CU_ASSERT_EQUAL(resp.status, 400);
	HS_ASSERT_STR_EQ(resp.body.buf, "{\"__type\":\"RepositoryNotFound"
	    "Exception\",\"message\":\"gone\"}");
	HS_ASSERT_STR_EQ(aws_kvlist_get(&resp.headers, "Content-Type"),
	    "application/x-amz-json-1.1");
	aws_response_clear(&resp);
	encode_error("lambda", "ResourceNotFoundException", "nope", &resp);
	CU_ASSERT_EQUAL(resp.status, 404);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&resp.headers, "X-Amzn-ErrorType"),
	    "ResourceNotFoundException");
	HS_ASSERT_STR_EQ(resp.body.buf, "{\"Message\":\"nope\"}");
	aws_response_clear(&resp);
}

/* The server side names S3's answers as S3 does (the model does not). */
static void
test_server_s3_roots(void)
{
	static const struct {
		const char *op, *output, *start;
	} cases[] = {
		{ "ListObjectsV2", "{\"Name\": \"b\", \"KeyCount\": 0}",
		  "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/"
		  "2006-03-01/\"><Name>b</Name>" },
		{ "ListBuckets", "{\"Buckets\": [{\"Name\": \"b\"}]}",
		  "<ListAllMyBucketsResult xmlns=" },
		{ "GetBucketTagging", "{\"TagSet\": [{\"Key\": \"k\", "
		  "\"Value\": \"v\"}]}", "<Tagging xmlns=" },
		{ "CreateMultipartUpload", "{\"UploadId\": \"u\"}",
		  "<InitiateMultipartUploadResult xmlns=" },
		{ "CompleteMultipartUpload", "{\"ETag\": \"e\"}",
		  "<CompleteMultipartUploadResult xmlns=" },
		{ "DeleteObjects", "{\"Deleted\": [{\"Key\": \"k\"}]}",
		  "<DeleteResult xmlns=" },
		{ "GetBucketNotificationConfiguration", "{\"LambdaFunction"
		  "Configurations\": [{\"LambdaFunctionArn\": \"a\", "
		  "\"Events\": [\"s3:ObjectCreated:*\"]}]}",
		  "<NotificationConfiguration xmlns=" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct aws_response resp = AWS_RESPONSE_INIT;
		cJSON *out = cJSON_Parse(cases[i].output);
		char *cause = NULL;
		const char *body;

		CU_ASSERT_EQUAL(aws_protocol_encode_response(op_of("s3",
		    cases[i].op), out, "R1", &resp, &cause), 0);
		body = resp.body.buf ? strchr(resp.body.buf, '\n') : NULL;
		CU_ASSERT_PTR_NOT_NULL(body);
		if (body != NULL && !hs_starts_with(body + 1, cases[i].start))
			printf("# %s: %s\n", cases[i].op, body + 1);
		CU_ASSERT(body != NULL && hs_starts_with(body + 1,
		    cases[i].start));
		free(cause);
		cJSON_Delete(out);
		aws_response_clear(&resp);
	}
}

/* An unmodeled S3 error keeps its extra members (BucketName, Key). */
static void
test_server_error_fields(void)
{
	struct aws_error err = AWS_ERROR_INIT;
	struct aws_response resp = AWS_RESPONSE_INIT;
	char *cause = NULL;

	err.status = 409;
	err.code = (char *)"BucketNotEmpty";
	err.message = (char *)"The bucket you tried to delete is not empty";
	err.request_id = (char *)"R9";
	err.host_id = (char *)"H9";
	err.fields = cJSON_Parse("{\"BucketName\": \"a<b\", \"Code\": "
	    "\"ignored\"}");
	CU_ASSERT_EQUAL(aws_protocol_encode_error(op_of("s3",
	    "DeleteBucket")->service, &err, &resp, &cause), 0);
	CU_ASSERT_EQUAL(resp.status, 409);
	CU_ASSERT_PTR_NOT_NULL(strstr(resp.body.buf ? resp.body.buf : "",
	    "<Error><Code>BucketNotEmpty</Code><Message>The bucket you tried "
	    "to delete is not empty</Message><BucketName>a&lt;b</BucketName>"
	    "<RequestId>R9</RequestId><HostId>H9</HostId></Error>"));
	HS_ASSERT_STR_EQ(aws_kvlist_get(&resp.headers, "x-amz-id-2"), "H9");
	cJSON_Delete(err.fields);
	free(cause);
	aws_response_clear(&resp);
}

static void
test_unsupported_protocol(void)
{
	cJSON *desc = cJSON_Parse("{\"metadata\": {\"protocols\": "
	    "[\"smithy-rpc-v2-cbor\"]}, \"operations\": {\"Op\": {\"http\": "
	    "{\"method\": \"POST\", \"requestUri\": \"/\"}}}, \"shapes\": {}}");
	char *cause = NULL;
	struct aws_service *svc = aws_model_new(desc, NULL, "cbor", &cause);
	struct aws_request req = AWS_REQUEST_INIT;

	CU_ASSERT_EQUAL(aws_protocol_serialize(aws_model_find_operation(svc,
	    "Op"), NULL, 0, &req, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "service 'cbor' uses the smithy-rpc-v2-cbor "
	    "protocol, which hipaa-shell does not speak");
	free(cause);
	aws_request_clear(&req);
	aws_model_free(svc);
	cJSON_Delete(desc);
}

static const struct hs_unit_case cases[] = {
	{ "checksum-defaults", test_checksum_defaults },
	{ "content-md5", test_content_md5 },
	{ "request-compression", test_request_compression },
	{ "streaming-file-body", test_streaming_file_body },
	{ "idempotency-tokens", test_idempotency_tokens },
	{ "host-prefix", test_host_prefix },
	{ "base-path-and-labels", test_base_path_and_labels },
	{ "input-errors", test_input_errors },
	{ "errors-as-the-cli-says", test_errors_as_the_cli_says },
	{ "s3-specials", test_s3_specials },
	{ "s3-list-url-encoding", test_s3_list_url_encoding },
	{ "error-code-and-request-id", test_error_code_and_request_id },
	{ "output-order-and-values", test_output_order_and_values },
	{ "file-output", test_file_output },
	{ "server-routing", test_server_routing },
	{ "server-file-bodies", test_server_file_bodies },
	{ "server-errors", test_server_errors },
	{ "server-s3-roots", test_server_s3_roots },
	{ "server-error-fields", test_server_error_fields },
	{ "unsupported-protocol", test_unsupported_protocol },
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
	CU_pSuite s = hs_unit_add_table("protocol", cases,
	    HS_ARRAY_SIZE(cases));

	CU_set_suite_cleanupfunc(s, clear_models);
}
