/*
 * svc-lambda-check.c: Lambda's validations of a function's configuration
 * and code, shared by CreateFunction and the Update operations: runtimes
 * (current ones accepted, deprecated ones refused as Lambda refuses
 * them), the execution role (it must exist and trust
 * lambda.amazonaws.com; the caller needs iam:PassRole on it), handler,
 * timeout, memory, description, environment variables (reserved keys,
 * the 4 KB limit), and the code: a ZipFile, or an S3 object read as the
 * caller (NoSuchKey and the other S3 errors in Lambda's words), which
 * must be a zip Lambda can unpack. Options the sandbox does not carry out
 * (VPC, layers, images, file systems...) are refused with
 * NotImplemented rather than accepted and ignored.
 */
#include "hs-common.h"
#include "lambda.h"
#include "s3.h"

#include <ctype.h>
#include <openssl/evp.h>

/* Environment variables Lambda sets itself. */
static const char *const lambda_reserved[] = {
	"_HANDLER", "_X_AMZN_TRACE_ID", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
	"AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
	"AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
	"AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
	"AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_RUNTIME_API", "AWS_REGION",
	"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "LAMBDA_RUNTIME_DIR",
	"LAMBDA_TASK_ROOT",
};

/* Members the sandbox does not carry out. */
static const char *const lambda_unsupported[] = {
	"VpcConfig", "Layers", "FileSystemConfigs", "ImageConfig",
	"CodeSigningConfigArn", "KMSKeyArn", "DeadLetterConfig", "SnapStart",
	"CapacityProviderConfig", "DurableConfig", "TenancyConfig",
	"PublishTo",
};

/* Refuse members the sandbox would have to ignore. */
static int
lambda_check_unsupported(struct sbx_call *c)
{
	const char *mode = cJSON_GetStringValue(cJSON_GetObjectItem(sbx_in(c,
	    "TracingConfig"), "Mode"));
	const char *pkg = sbx_in_str(c, "PackageType");
	long eph = sbx_in(c, "EphemeralStorage") ? (long)cJSON_GetNumberValue(
	    cJSON_GetObjectItem(sbx_in(c, "EphemeralStorage"), "Size")) : 512;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(lambda_unsupported); i++) {
		cJSON *v = sbx_in(c, lambda_unsupported[i]);
		if (v != NULL && !(cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0))
			return sbx_fail(c, 501, "NotImplemented", "The sandbox "
			    "does not implement %s for functions",
			    lambda_unsupported[i]);
	}
	if ((mode != NULL && strcmp(mode, "PassThrough") != 0) ||
	    (pkg != NULL && strcmp(pkg, "Zip") != 0) || eph != 512)
		return sbx_fail(c, 501, "NotImplemented", "The sandbox runs Zip "
		    "functions without X-Ray tracing and with the default 512 "
		    "MB of ephemeral storage only");
	return 0;
}

/* Check Runtime; -1 after answering. */
static int
lambda_check_runtime(struct sbx_call *c, const char *rt)
{
	bool deprecated;

	if (sbx_lambda_runtime_current(rt, &deprecated))
		return 0;
	if (deprecated)
		return sbx_fail(c, 400, "InvalidParameterValueException", "The "
		    "runtime parameter of %s is no longer supported for "
		    "creating or updating AWS Lambda functions. We recommend "
		    "you use a supported runtime while creating or updating "
		    "functions.", rt);
	return sbx_api_invalid(c, "ValidationException", rt, "runtime",
	    "satisfy enum value set: [nodejs24.x, nodejs22.x, nodejs20.x, "
	    "nodejs18.x, python3.14, python3.13, python3.12, python3.11, "
	    "python3.10, python3.9, java25, java21, java17, java11, java8.al2, "
	    "dotnet10, dotnet8, ruby3.4, ruby3.3, ruby3.2, provided.al2023, "
	    "provided.al2]");
}

/* Check a Role ARN's form; -1 after answering. */
static int
lambda_check_role_arn(struct sbx_call *c, const char *role)
{
	const char *p;

	if (role != NULL && hs_starts_with(role, "arn:aws:iam::") &&
	    strlen(role) > 26 && strspn(role + 13, "0123456789") == 12 &&
	    hs_starts_with(role + 25, ":role/") && role[31] != '\0') {
		for (p = role + 31; *p != '\0'; p++)
			if (!isalnum((unsigned char)*p) && strchr("_+=,.@-/",
			    *p) == NULL)
				break;
		if (*p == '\0')
			return 0;
	}
	return sbx_api_invalid(c, "ValidationException", role, "role",
	    "satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::"
	    "\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
}

/* Check the execution role: its form, PassRole, and Lambda's trust. */
static int
lambda_check_role(struct sbx_call *c, const char *role)
{
	if (lambda_check_role_arn(c, role) != 0 ||
	    sbx_api_authorize(c, "AccessDeniedException", "iam:PassRole",
	    role) != 0)
		return -1;
	if (!sbx_lambda_role_trusts(c->sb, role, c->now))
		return sbx_fail(c, 400, "InvalidParameterValueException", "The "
		    "role defined for the function cannot be assumed by "
		    "Lambda.");
	return 0;
}

/* Tell whether an environment key is reserved. */
static bool
lambda_key_reserved(const char *k)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(lambda_reserved); i++)
		if (strcmp(lambda_reserved[i], k) == 0)
			return true;
	return hs_starts_with(k, "_SBX_");
}

/* Check Environment.Variables; -1 after answering. */
static int
lambda_check_env(struct sbx_call *c)
{
	cJSON *vars = cJSON_GetObjectItem(sbx_in(c, "Environment"), "Variables");
	cJSON *v;
	char *text;
	size_t size;

	cJSON_ArrayForEach(v, vars) {
		if (!sbx_api_name_ok(v->string, 1024, "_") ||
		    !isalpha((unsigned char)v->string[0]) || strlen(v->string) < 2)
			return sbx_api_invalid(c, "ValidationException",
			    v->string, "environment.variables", "satisfy regular "
			    "expression pattern: [a-zA-Z]([a-zA-Z0-9_])+");
		if (lambda_key_reserved(v->string))
			return sbx_fail(c, 400, "InvalidParameterValueException",
			    "Lambda was unable to configure your environment "
			    "variables because the environment variables you "
			    "have provided contains reserved keys that are "
			    "currently not supported for modification. Reserved "
			    "keys used in this request: %s", v->string);
	}
	text = vars ? cJSON_PrintUnformatted(vars) : NULL;
	size = text ? strlen(text) : 0;
	free(text);
	if (size > 4096)
		return sbx_fail(c, 400, "InvalidParameterValueException", "Lambda "
		    "was unable to configure your environment variables because "
		    "the environment variables you have provided exceeded the "
		    "4KB limit. String measured: %zu bytes", size);
	return 0;
}

/* Check a number member within [min, max]; -1 after answering. */
static int
lambda_check_range(struct sbx_call *c, const char *member, const char *wire,
    long min, long max)
{
	long v = sbx_in_long(c, member, min);
	char num[24], constraint[64];

	if (v >= min && v <= max)
		return 0;
	snprintf(constraint, sizeof constraint, v < min ? "have value greater "
	    "than or equal to %ld" : "have value less than or equal to %ld",
	    v < min ? min : max);
	return sbx_api_invalid(c, "ValidationException", sbx_itoa(v, num),
	    wire, constraint);
}

/* Check the configuration members of a create or an update. */
int
sbx_lambda_check_config(struct sbx_call *c, bool create)
{
	const char *rt = sbx_in_str(c, "Runtime");
	const char *role = sbx_in_str(c, "Role");
	const char *handler = sbx_in_str(c, "Handler");
	const char *desc = sbx_in_str(c, "Description");
	const char *s;

	if (lambda_check_unsupported(c) != 0 ||
	    lambda_check_range(c, "Timeout", "timeout", 1, 900) != 0 ||
	    lambda_check_range(c, "MemorySize", "memorySize", 128, 10240) != 0)
		return -1;
	if (desc != NULL && strlen(desc) > 256)
		return sbx_api_invalid(c, "ValidationException", desc,
		    "description", "have length less than or equal to 256");
	if (handler != NULL && (strlen(handler) > 128 ||
	    strpbrk(handler, " \t\r\n") != NULL || *handler == '\0'))
		return sbx_api_invalid(c, "ValidationException", handler,
		    "handler", "satisfy regular expression pattern: [^\\s]+");
	if (create && (rt == NULL || handler == NULL))
		return sbx_fail(c, 400, "InvalidParameterValueException",
		    "Runtime and Handler are mandatory parameters for functions "
		    "created with deployment packages.");
	if ((rt != NULL && lambda_check_runtime(c, rt) != 0) ||
	    lambda_check_env(c) != 0)
		return -1;
	if (cJSON_GetArraySize(sbx_in(c, "Architectures")) > 1)
		return sbx_fail(c, 400, "InvalidParameterValueException",
		    "Only one architecture can be specified.");
	s = cJSON_GetStringValue(cJSON_GetArrayItem(sbx_in(c,
	    "Architectures"), 0));
	if (s != NULL && strcmp(s, "x86_64") != 0 && strcmp(s, "arm64") != 0)
		return sbx_api_invalid(c, "ValidationException", s,
		    "architectures", "satisfy enum value set: [x86_64, arm64]");
	return role != NULL ? lambda_check_role(c, role) : 0;
}

/* Apply the configuration members of the input to f. */
void
sbx_lambda_apply_config(struct sbx_call *c, struct sbx_lambda_fn *f)
{
	cJSON *env = sbx_in(c, "Environment"), *arch = sbx_in(c,
	    "Architectures");
	const char *s;

	if ((s = sbx_in_str(c, "Runtime")) != NULL) {
		free(f->runtime);
		f->runtime = hs_xstrdup(s);
	}
	if ((s = sbx_in_str(c, "Role")) != NULL) {
		free(f->role);
		f->role = hs_xstrdup(s);
	}
	if ((s = sbx_in_str(c, "Handler")) != NULL) {
		free(f->handler);
		f->handler = hs_xstrdup(s);
	}
	if ((s = sbx_in_str(c, "Description")) != NULL) {
		free(f->description);
		f->description = hs_xstrdup(s);
	}
	f->timeout = (int)sbx_in_long(c, "Timeout", f->timeout ? f->timeout : 3);
	f->memory = (int)sbx_in_long(c, "MemorySize", f->memory ? f->memory :
	    128);
	if (env != NULL) {
		cJSON_Delete(f->env);
		f->env = cJSON_GetObjectItem(env, "Variables") ? cJSON_Duplicate(
		    cJSON_GetObjectItem(env, "Variables"), true) : NULL;
	}
	if (cJSON_GetStringValue(cJSON_GetArrayItem(arch, 0)) != NULL) {
		free(f->arch);
		f->arch = hs_xstrdup(cJSON_GetArrayItem(arch, 0)->valuestring);
	}
}

/* Answer a failed GetObject as Lambda reports it. */
static int
lambda_s3_error(struct sbx_call *c, const char *code, const char *msg)
{
	return sbx_fail(c, 400, "InvalidParameterValueException", "Error "
	    "occurred while GetObject. S3 Error Code: %s. S3 Error Message: %s",
	    code, msg);
}

/* Read a body of an object into memory. */
static unsigned char *
lambda_read_object(struct sbx_call *c, const struct sbx_object *o,
    size_t *len)
{
	struct sbx_blob_reader *r = NULL;
	unsigned char *data;
	char *cause = NULL;
	size_t off = 0;
	ssize_t got = 1;

	if (sbx_blob_open(c->sb, o->blob, o->encrypted, o->size, &r,
	    &cause) != 0) {
		free(cause);
		return NULL;
	}
	data = hs_xmalloc((size_t)o->size + 1);
	while (off < o->size && (got = sbx_blob_read_at(r, off, data + off,
	    (size_t)o->size - off)) > 0)
		off += (size_t)got;
	sbx_blob_close(r);
	*len = off;
	if (off == o->size)
		return data;
	free(data);
	return NULL;
}

/* Read the zip of an S3 object as the caller; -1 after answering. */
static int
lambda_code_s3(struct sbx_call *c, const char *bucket, const char *key,
    unsigned char **zip, size_t *len)
{
	struct sbx_bucket b = { 0 };
	struct sbx_object o = { 0 };
	char *cause = NULL;
	int f, rc = -1;

	f = sbx_s3_bucket_get(c->sb->store, bucket, &b, &cause);
	if (f != 0) {
		free(cause);
		return lambda_s3_error(c, "NoSuchBucket", "The specified bucket "
		    "does not exist");
	}
	if (!sbx_s3_allowed(c, &b, "s3:GetObject", key))
		lambda_s3_error(c, "AccessDenied", "Access Denied");
	else if ((f = sbx_s3_object_get(c->sb->store, bucket, key, &o,
	    &cause)) != 0)
		lambda_s3_error(c, f < 0 ? "InternalError" : "NoSuchKey", f < 0 ?
		    "We encountered an internal error. Please try again." :
		    "The specified key does not exist.");
	else if (o.size > LAMBDA_MAX_UNZIPPED)
		sbx_fail(c, 400, "InvalidParameterValueException", "Unzipped "
		    "size must be smaller than %llu bytes",
		    (unsigned long long)LAMBDA_MAX_UNZIPPED);
	else if ((*zip = lambda_read_object(c, &o, len)) == NULL)
		sbx_fail(c, 500, "ServiceException", "The sandbox cannot read "
		    "the object's body.");
	else
		rc = 0;
	free(cause);
	sbx_object_clear(&o);
	sbx_bucket_clear(&b);
	return rc;
}

/* The zip of the code members; -1 after answering. */
static int
lambda_code_bytes(struct sbx_call *c, const cJSON *code, unsigned char **zip,
    size_t *len)
{
	const char *zf = cJSON_GetStringValue(cJSON_GetObjectItem(code,
	    "ZipFile"));
	const char *bucket = cJSON_GetStringValue(cJSON_GetObjectItem(code,
	    "S3Bucket"));
	const char *key = cJSON_GetStringValue(cJSON_GetObjectItem(code,
	    "S3Key"));

	if (cJSON_GetObjectItem(code, "ImageUri") != NULL)
		return sbx_fail(c, 501, "NotImplemented", "The sandbox runs Zip "
		    "functions only (no container images)");
	if (zf != NULL && (bucket != NULL || key != NULL))
		return sbx_fail(c, 400, "InvalidParameterValueException", "Please "
		    "do not provide other FunctionCode parameters when providing "
		    "a ZipFile.");
	if (zf != NULL) {
		*zip = sbx_base64_decode(zf, len);
		if (*zip == NULL)
			return sbx_fail(c, 400, "InvalidParameterValueException",
			    "Could not unzip uploaded file. Please check your "
			    "file, then try to upload again.");
		return 0;
	}
	if (bucket == NULL || key == NULL)
		return sbx_fail(c, 400, "InvalidParameterValueException", "Please "
		    "provide a source for function code.");
	if (cJSON_GetObjectItem(code, "S3ObjectVersion") != NULL)
		return lambda_s3_error(c, "NoSuchVersion", "The specified "
		    "version does not exist.");
	return lambda_code_s3(c, bucket, key, zip, len);
}

/* Keep a zip as an encrypted blob; its ID, SHA-256 and size into f. */
static int
lambda_code_store(struct sbx_call *c, const unsigned char *zip, size_t len,
    struct sbx_lambda_fn *f)
{
	struct sbx_blob_writer *w = NULL;
	unsigned char md[32], md5[16];
	unsigned int mdlen = 0;
	char id[33], *cause = NULL;
	uint64_t size = 0;

	if (sbx_blob_create(c->sb, true, &w, &cause) != 0 ||
	    sbx_blob_write(w, zip, len, &cause) != 0 ||
	    sbx_blob_commit(w, id, md5, &size, &cause) != 0) {
		sbx_blob_abort(w);
		return sbx_api_internal(c, cause);
	}
	EVP_Digest(zip, len, md, &mdlen, EVP_sha256(), NULL);
	free(f->code_blob);
	free(f->code_sha);
	f->code_blob = hs_xstrdup(id);
	f->code_sha = sbx_base64_encode(md, mdlen);
	f->code_size = (int64_t)len;
	return 0;
}

/* Take the code of the input (Code for create, the top-level members for
 * UpdateFunctionCode): checked, stored; -1 after answering. */
int
sbx_lambda_code_input(struct sbx_call *c, const cJSON *code,
    struct sbx_lambda_fn *f, bool store)
{
	unsigned char *zip = NULL;
	char *cause = NULL;
	uint64_t unzipped = 0;
	size_t len = 0;
	int rc = -1;

	if (lambda_code_bytes(c, code, &zip, &len) != 0)
		return -1;
	if (sbx_zip_check(zip, len, &unzipped, &cause) != 0) {
		sbx_fail(c, 400, "InvalidParameterValueException", "%s", cause);
		free(cause);
	} else if (!store) {
		unsigned char md[32];
		unsigned int mdlen = 0;
		EVP_Digest(zip, len, md, &mdlen, EVP_sha256(), NULL);
		free(f->code_sha);
		f->code_sha = sbx_base64_encode(md, mdlen);
		f->code_size = (int64_t)len;
		rc = 0;
	} else
		rc = lambda_code_store(c, zip, len, f);
	free(zip);
	return rc;
}
