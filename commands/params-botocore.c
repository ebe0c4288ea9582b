/*
 * params-botocore.c: botocore's own changes to requests and answers
 * (botocore/handlers.py), which every AWS CLI call goes through, so what
 * the CLI sends and prints depends on them:
 *
 *   input (before-parameter-build), before validation:
 *     every operation with a requestValidationModeMember: set it to
 *     "ENABLED" unless given (response_checksum_validation =
 *     when_supported, the default): S3 then returns checksums, which
 *     operation-call.c checks;
 *     s3: bucket names checked (validate_bucket_name); SSE-C keys sent as
 *     base64 with their MD5 (sse_md5, copy_source_sse_md5); metadata must
 *     be ASCII (validate_ascii_metadata);
 *     ec2 RunInstances, autoscaling CreateLaunchConfiguration: UserData
 *     base64-encoded (base64_encode_user_data);
 *     route53: "/hostedzone/Z1" ids reduced to "Z1" (fix_route53_ids);
 *     glacier: accountId "-" when not given (inject_account_id);
 *   output (after-call):
 *     iam: policy documents (shape policyDocumentType) URL-decoded and
 *     read as JSON (json_decode_policies);
 *     cloudformation GetTemplate: a JSON TemplateBody read as JSON;
 *     ec2 GetConsoleOutput: Output base64-decoded.
 *
 * The S3 list operations' url encoding, idempotency tokens and checksums
 * are done by aws/protocol.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>
#include <openssl/evp.h>

static bool
is(const struct aws_operation *op, const char *svc, const char *name)
{
	return strcmp(op->service->name, svc) == 0 &&
	    (name == NULL || strcmp(op->name, name) == 0);
}

/* validate_bucket_name: "^[a-zA-Z0-9.\-_]{1,255}$", or an ARN. */
static int
check_bucket(const cJSON *input, char **cause)
{
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(input, "Bucket");
	const char *p;
	size_t n;

	if (!cJSON_IsString(b) || hs_starts_with(b->valuestring, "arn:"))
		return 0;
	n = strlen(b->valuestring);
	for (p = b->valuestring; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '_'))
			break;
	if (*p == '\0' && n >= 1 && n <= 255)
		return 0;
	*cause = hs_xasprintf("Parameter validation failed:\nInvalid bucket "
	    "name \"%s\": Bucket name must match the regex "
	    "\"^[a-zA-Z0-9.\\-_]{1,255}$\" or be an ARN matching the regex "
	    "\"^arn:(aws).*:(s3|s3-object-lambda):[a-z\\-0-9]*:[0-9]{12}:"
	    "accesspoint[/:][a-zA-Z0-9\\-.]{1,63}$|^arn:(aws).*:s3-outposts:"
	    "[a-z\\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\\-]{1,63}[/:]"
	    "accesspoint[/:][a-zA-Z0-9\\-]{1,63}$\"", b->valuestring);
	return -1;
}

/* _sse_md5: the key as base64, and the base64 MD5 of its bytes. */
static void
sse_md5(cJSON *input, const char *prefix)
{
	char *key_name = hs_xasprintf("%sKey", prefix);
	char *md5_name = hs_xasprintf("%sKeyMD5", prefix);
	cJSON *key = cJSON_GetObjectItemCaseSensitive(input, key_name);
	struct hs_buf b64 = HS_BUF_INIT, md5b64 = HS_BUF_INIT;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (cJSON_IsString(key) &&
	    cJSON_GetObjectItemCaseSensitive(input, md5_name) == NULL) {
		size_t n = strlen(key->valuestring);

		EVP_Digest(key->valuestring, n, md, &len, EVP_md5(), NULL);
		aws_base64_encode(&md5b64, md, len);
		aws_base64_encode(&b64, key->valuestring, n);
		hs_cleanse(key->valuestring, n);
		cJSON_SetValuestring(key, b64.buf);
		cJSON_AddStringToObject(input, md5_name, md5b64.buf);
	}
	hs_buf_cleanse(&b64);
	hs_buf_release(&md5b64);
	free(key_name);
	free(md5_name);
}

/* Tell whether a string is all ASCII. */
static bool
ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s > 0x7f)
			return false;
	return true;
}

/* validate_ascii_metadata. */
static int
check_metadata(const cJSON *input, char **cause)
{
	const cJSON *md = cJSON_GetObjectItemCaseSensitive(input, "Metadata");
	const cJSON *kv;

	if (!cJSON_IsObject(md))
		return 0;
	cJSON_ArrayForEach(kv, md) {
		if (ascii(kv->string) && (!cJSON_IsString(kv) ||
		    ascii(kv->valuestring)))
			continue;
		*cause = hs_xasprintf("Parameter validation failed:\nNon ascii "
		    "characters found in S3 metadata for key \"%s\", value: "
		    "\"%s\".  \nS3 metadata can only contain ASCII characters. ",
		    kv->string, cJSON_IsString(kv) ? kv->valuestring : "");
		return -1;
	}
	return 0;
}

/* botocore's S3 request customizations. */
static int
s3_input(const struct aws_operation *op, cJSON *input, char **cause)
{
	static const char *const sse_ops[] = { "HeadObject", "GetObject",
	    "PutObject", "CopyObject", "CreateMultipartUpload", "UploadPart",
	    "UploadPartCopy", "CompleteMultipartUpload", "SelectObjectContent" };
	size_t i;

	if (check_bucket(input, cause) < 0)
		return -1;
	for (i = 0; i < HS_ARRAY_SIZE(sse_ops); i++)
		if (strcmp(op->name, sse_ops[i]) == 0)
			sse_md5(input, "SSECustomer");
	if (strcmp(op->name, "CopyObject") == 0 ||
	    strcmp(op->name, "UploadPartCopy") == 0)
		sse_md5(input, "CopySourceSSECustomer");
	if (strcmp(op->name, "PutObject") == 0 ||
	    strcmp(op->name, "CopyObject") == 0 ||
	    strcmp(op->name, "CreateMultipartUpload") == 0)
		return check_metadata(input, cause);
	return 0;
}

/* base64_encode_user_data (only when it is text, as botocore). */
static void
user_data(cJSON *input)
{
	cJSON *u = cJSON_GetObjectItemCaseSensitive(input, "UserData");
	struct hs_buf b64 = HS_BUF_INIT;

	if (!cJSON_IsString(u))
		return;
	aws_base64_encode(&b64, u->valuestring, strlen(u->valuestring));
	cJSON_SetValuestring(u, b64.buf);
	hs_buf_release(&b64);
}

/* fix_route53_ids: keep what follows the last '/'. */
static void
route53_ids(const struct aws_operation *op, cJSON *input)
{
	const struct aws_shape *in = op->input.shape;
	size_t i;

	for (i = 0; in != NULL && i < in->n_members; i++) {
		const char *shape = in->members[i].ref.shape->name;
		cJSON *v = cJSON_GetObjectItemCaseSensitive(input,
		    in->members[i].name);
		const char *slash;

		if ((strcmp(shape, "ResourceId") == 0 ||
		    strcmp(shape, "DelegationSetId") == 0 ||
		    strcmp(shape, "ChangeId") == 0) && cJSON_IsString(v) &&
		    (slash = strrchr(v->valuestring, '/')) != NULL) {
			char *last = hs_xstrdup(slash + 1);

			cJSON_SetValuestring(v, last);
			free(last);
		}
	}
}

/* Apply botocore's request customizations to an input. */
int
hs_botocore_input(const struct aws_operation *op, cJSON *input, char **cause)
{
	if (op->checksum_mode_member != NULL &&
	    aws_model_find_member(op->input.shape, op->checksum_mode_member) &&
	    !cJSON_GetObjectItemCaseSensitive(input, op->checksum_mode_member))
		cJSON_AddStringToObject(input, op->checksum_mode_member,
		    "ENABLED");
	if (is(op, "s3", NULL))
		return s3_input(op, input, cause);
	if (is(op, "ec2", "RunInstances") ||
	    is(op, "autoscaling", "CreateLaunchConfiguration"))
		user_data(input);
	else if (is(op, "route53", NULL))
		route53_ids(op, input);
	else if (is(op, "glacier", NULL) &&
	    aws_model_find_member(op->input.shape, "accountId") != NULL &&
	    cJSON_GetObjectItemCaseSensitive(input, "accountId") == NULL)
		cJSON_AddStringToObject(input, "accountId", "-");
	return 0;
}

/* decode_quoted_jsondoc: URL-decode, then JSON; unchanged if not JSON. */
static void
decode_jsondoc(cJSON *parent, cJSON *v, bool unquote)
{
	struct hs_buf text = HS_BUF_INIT;
	char *cause = NULL;
	cJSON *doc;

	if (!cJSON_IsString(v))
		return;
	if (!unquote || aws_uri_decode(&text, v->valuestring,
	    strlen(v->valuestring), false) < 0) {
		hs_buf_reset(&text);
		hs_buf_adds(&text, v->valuestring);
	}
	doc = aws_json_parse(text.buf, text.len, &cause);
	if (doc != NULL && v->string != NULL) {
		size_t n = strlen(v->string) + 1;

		doc->string = cJSON_malloc(n);
		memcpy(doc->string, v->string, n);
	}
	if (doc != NULL)
		cJSON_ReplaceItemViaPointer(parent, v, doc);
	free(cause);
	hs_buf_release(&text);
}

/* _decode_policy_types: policyDocumentType strings, through structures
 * and lists. */
static void
decode_policies(cJSON *v, const struct aws_shape *s)
{
	size_t i;
	cJSON *item;

	if (s->type == AWS_SHAPE_LIST && cJSON_IsArray(v)) {
		cJSON_ArrayForEach(item, v)
			decode_policies(item, s->member.shape);
		return;
	}
	if (s->type != AWS_SHAPE_STRUCTURE || !cJSON_IsObject(v))
		return;
	for (i = 0; i < s->n_members; i++) {
		const struct aws_shape *m = s->members[i].ref.shape;
		cJSON *child = cJSON_GetObjectItemCaseSensitive(v,
		    s->members[i].name);

		if (child == NULL)
			continue;
		if (m->type == AWS_SHAPE_STRING &&
		    strcmp(m->name, "policyDocumentType") == 0)
			decode_jsondoc(v, child, true);
		else
			decode_policies(child, m);
	}
}

/* decode_console_output: base64 text to text. */
static void
console_output(cJSON *output)
{
	cJSON *o = cJSON_GetObjectItemCaseSensitive(output, "Output");
	struct hs_buf raw = HS_BUF_INIT;

	if (cJSON_IsString(o) && aws_base64_decode(&raw, o->valuestring,
	    strlen(o->valuestring)) == 0 && strlen(raw.buf) == raw.len)
		cJSON_SetValuestring(o, raw.buf);
	hs_buf_release(&raw);
}

/* Apply botocore's answer customizations to an output. */
void
hs_botocore_output(const struct aws_operation *op, cJSON *output)
{
	if (output == NULL)
		return;
	if (is(op, "iam", NULL) && op->output.shape != NULL)
		decode_policies(output, op->output.shape);
	else if (is(op, "cloudformation", "GetTemplate"))
		decode_jsondoc(output, cJSON_GetObjectItemCaseSensitive(output,
		    "TemplateBody"), false);
	else if (is(op, "ec2", "GetConsoleOutput"))
		console_output(output);
}
