/*
 * svc-lambda-fn.c: Lambda functions: CreateFunction (with Publish),
 * GetFunction, GetFunctionConfiguration, ListFunctions, DeleteFunction,
 * UpdateFunctionCode and UpdateFunctionConfiguration, as Lambda answers
 * them (CodeSha256 is the base64 SHA-256 of the zip, CodeSize its
 * length; a new function answers State Pending, then reads as Active).
 */
#include "hs-common.h"
#include "lambda.h"

/* Check FunctionName of a create (a plain name). */
static int
lambda_check_new_name(struct sbx_call *c, char **name)
{
	const char *in = sbx_in_str(c, "FunctionName");
	char *qual = NULL;

	if (!sbx_lambda_parse_name(in, name, &qual) || qual != NULL) {
		free(qual);
		free(*name);
		*name = NULL;
		return sbx_api_invalid(c, "ValidationException", in,
		    "functionName", "satisfy regular expression pattern: "
		    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}"
		    ":)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)");
	}
	return 0;
}

/* Fill a new function from the input (code already stored). */
static void
lambda_new(struct sbx_call *c, struct sbx_lambda_fn *f, char *name)
{
	char rev[37];

	f->name = name;
	f->region = hs_xstrdup(c->region ? c->region : "us-east-1");
	f->version = hs_xstrdup("$LATEST");
	f->description = hs_xstrdup("");
	f->arch = hs_xstrdup("x86_64");
	sbx_lambda_apply_config(c, f);
	f->modified_ms = c->now_ms;
	sbx_api_uuid(rev);
	f->revision = hs_xstrdup(rev);
	f->tags = sbx_in(c, "Tags") ? cJSON_Duplicate(sbx_in(c, "Tags"), true) :
	    NULL;
	f->next_version = 1;
}

/* Publish the function just created or updated; the answer is the
 * version's configuration. */
static int
lambda_publish_answer(struct sbx_call *c, const char *name,
    enum sbx_lambda_form form)
{
	struct sbx_lambda_fn v = { 0 };
	char rev[37], *cause = NULL;

	sbx_api_uuid(rev);
	if (sbx_lambda_fn_publish(c->sb->store, name, NULL, c->now_ms, rev, &v,
	    &cause) != 0)
		return sbx_api_internal(c, cause);
	c->output = sbx_lambda_config_json(c->sb, &v, form);
	sbx_lambda_fn_clear(&v);
	return 0;
}

/* CreateFunction. */
int
sbx_lambda_create_function(struct sbx_call *c)
{
	struct sbx_lambda_fn f = { 0 };
	char *name = NULL, *arn, *cause = NULL;
	int rc = -1, r;

	if (lambda_check_new_name(c, &name) != 0)
		return -1;
	arn = hs_xasprintf("arn:aws:lambda:%s:%s:function:%s", c->region ?
	    c->region : "us-east-1", c->sb->account_id, name);
	r = sbx_lambda_authorize(c, "lambda:CreateFunction", arn);
	free(arn);
	lambda_new(c, &f, name);
	if (r != 0 || sbx_lambda_check_config(c, true) != 0 ||
	    sbx_lambda_code_input(c, sbx_in(c, "Code"), &f, true) != 0)
		goto cleanup;
	r = sbx_lambda_fn_create(c->sb->store, &f, &cause);
	if (r != 0) {
		sbx_blob_remove(c->sb, f.code_blob);
		if (r < 0)
			sbx_api_internal(c, cause);
		else
			sbx_fail(c, 409, "ResourceConflictException", "Function "
			    "already exist: %s", f.name);
		goto cleanup;
	}
	if (sbx_in_bool(c, "Publish", false))
		rc = lambda_publish_answer(c, f.name, LAMBDA_FORM_CREATED);
	else {
		c->output = sbx_lambda_config_json(c->sb, &f, LAMBDA_FORM_CREATED);
		rc = 0;
	}
cleanup:
	sbx_lambda_fn_clear(&f);
	return rc;
}

/* GetFunction. */
int
sbx_lambda_get_function(struct sbx_call *c)
{
	struct sbx_lambda_fn f = { 0 };
	cJSON *code;

	if (sbx_lambda_load(c, "lambda:GetFunction", &f) != 0)
		return -1;
	c->output = cJSON_CreateObject();
	cJSON_AddItemToObject(c->output, "Configuration",
	    sbx_lambda_config_json(c->sb, &f, LAMBDA_FORM_ACTIVE));
	code = cJSON_AddObjectToObject(c->output, "Code");
	cJSON_AddStringToObject(code, "RepositoryType", "S3");
	if (f.tags != NULL && strcmp(f.version, "$LATEST") == 0)
		cJSON_AddItemToObject(c->output, "Tags", cJSON_Duplicate(f.tags,
		    true));
	sbx_lambda_fn_clear(&f);
	return 0;
}

/* GetFunctionConfiguration. */
int
sbx_lambda_get_function_configuration(struct sbx_call *c)
{
	struct sbx_lambda_fn f = { 0 };

	if (sbx_lambda_load(c, "lambda:GetFunctionConfiguration", &f) != 0)
		return -1;
	c->output = sbx_lambda_config_json(c->sb, &f, LAMBDA_FORM_ACTIVE);
	sbx_lambda_fn_clear(&f);
	return 0;
}

/* The key of a listed function for Marker: NAME or NAME:VERSION. */
static char *
lambda_marker(const struct sbx_lambda_fn *f)
{
	return hs_xasprintf("%s:%s", f->name, f->version);
}

/* ListFunctions (Marker: the first function of the page). */
int
sbx_lambda_list_functions(struct sbx_call *c)
{
	const char *fv = sbx_in_str(c, "FunctionVersion");
	const char *marker = sbx_in_str(c, "Marker");
	long max = sbx_in_long(c, "MaxItems", 50);
	struct sbx_lambda_fn *fs = NULL;
	char *cause = NULL, *m;
	size_t n = 0, i = 0, k;
	cJSON *list;

	if (fv != NULL && strcmp(fv, "ALL") != 0)
		return sbx_api_invalid(c, "ValidationException", fv,
		    "functionVersion", "satisfy enum value set: [ALL]");
	if (sbx_lambda_authorize(c, "lambda:ListFunctions", NULL) != 0)
		return -1;
	if (sbx_lambda_fn_list(c->sb->store, fv != NULL, &fs, &n, &cause) != 0)
		return sbx_api_internal(c, cause);
	for (; marker != NULL && i < n; i++) {
		bool here;
		m = lambda_marker(&fs[i]);
		here = strcmp(m, marker) == 0;
		free(m);
		if (here)
			break;
	}
	if (i == n)
		i = 0;
	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "Functions");
	for (k = i; k < n && k < i + (size_t)(max < 1 ? 50 : max); k++)
		cJSON_AddItemToArray(list, sbx_lambda_config_json(c->sb, &fs[k],
		    LAMBDA_FORM_LISTED));
	if (k < n) {
		m = lambda_marker(&fs[k]);
		cJSON_AddStringToObject(c->output, "NextMarker", m);
		free(m);
	}
	sbx_lambda_fns_free(fs, n);
	return 0;
}

/* Remove code blobs no longer named. */
static void
lambda_remove_blobs(struct sbx_call *c, char **blobs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sbx_blob_remove(c->sb, blobs[i]);
	sbx_strv_free(blobs, n);
}

/* DeleteFunction (a Qualifier deletes one version). */
int
sbx_lambda_delete_function(struct sbx_call *c)
{
	struct sbx_lambda_fn f = { 0 };
	const char *q = sbx_in_str(c, "Qualifier");
	char **blobs = NULL, *cause = NULL, *name;
	size_t n = 0;
	int r;

	if (sbx_lambda_load(c, "lambda:DeleteFunction", &f) != 0)
		return -1;
	name = hs_xstrdup(f.name);
	if (q == NULL && strcmp(f.version, "$LATEST") != 0)
		q = f.version;
	if (q != NULL && strcmp(q, "$LATEST") == 0) {
		sbx_lambda_fn_clear(&f);
		free(name);
		return sbx_fail(c, 400, "InvalidParameterValueException", "$LATEST "
		    "version cannot be deleted without deleting the function.");
	}
	r = sbx_lambda_fn_delete(c->sb->store, name, q, &blobs, &n, &cause);
	sbx_lambda_fn_clear(&f);
	free(name);
	if (r < 0)
		return sbx_api_internal(c, cause);
	lambda_remove_blobs(c, blobs, n);
	c->output = cJSON_CreateObject();
	cJSON_AddNumberToObject(c->output, "StatusCode", 204);
	return 0;
}

/* Check RevisionId against the function's; -1 after answering. */
static int
lambda_check_revision(struct sbx_call *c, const struct sbx_lambda_fn *f)
{
	const char *rev = sbx_in_str(c, "RevisionId");

	if (rev == NULL || strcmp(rev, f->revision) == 0)
		return 0;
	return sbx_fail(c, 412, "PreconditionFailedException", "The Revision "
	    "Id provided does not match the latest Revision Id. Call the "
	    "GetFunction/GetAlias API to retrieve the latest Revision Id");
}

/* Store an updated $LATEST and answer it (publishing when asked). */
static int
lambda_save(struct sbx_call *c, struct sbx_lambda_fn *f)
{
	char rev[37], *old = NULL, *cause = NULL;

	sbx_api_uuid(rev);
	free(f->revision);
	f->revision = hs_xstrdup(rev);
	f->modified_ms = c->now_ms;
	if (sbx_lambda_fn_update(c->sb->store, f, &old, &cause) != 0)
		return sbx_api_internal(c, cause);
	if (old != NULL)
		sbx_blob_remove(c->sb, old);
	free(old);
	if (sbx_in_bool(c, "Publish", false))
		return lambda_publish_answer(c, f->name, LAMBDA_FORM_UPDATED);
	c->output = sbx_lambda_config_json(c->sb, f, LAMBDA_FORM_UPDATED);
	return 0;
}

/* UpdateFunctionCode (DryRun checks the code and changes nothing). */
int
sbx_lambda_update_function_code(struct sbx_call *c)
{
	struct sbx_lambda_fn f = { 0 };
	bool dry = sbx_in_bool(c, "DryRun", false);
	int rc = -1;

	if (sbx_lambda_load(c, "lambda:UpdateFunctionCode", &f) != 0)
		return -1;
	if (strcmp(f.version, "$LATEST") != 0) {
		sbx_fail(c, 400, "InvalidParameterValueException", "Only "
		    "$LATEST can be updated");
		goto cleanup;
	}
	/* on a store failure, a new code blob is left to the start-up GC */
	if (lambda_check_revision(c, &f) == 0 &&
	    sbx_lambda_code_input(c, c->input, &f, !dry) == 0) {
		if (dry) {
			c->output = sbx_lambda_config_json(c->sb, &f,
			    LAMBDA_FORM_ACTIVE);
			rc = 0;
		} else
			rc = lambda_save(c, &f);
	}
cleanup:
	sbx_lambda_fn_clear(&f);
	return rc;
}

/* UpdateFunctionConfiguration. */
int
sbx_lambda_update_function_configuration(struct sbx_call *c)
{
	struct sbx_lambda_fn f = { 0 };
	int rc = -1;

	if (sbx_lambda_load(c, "lambda:UpdateFunctionConfiguration", &f) != 0)
		return -1;
	if (lambda_check_revision(c, &f) == 0 &&
	    sbx_lambda_check_config(c, false) == 0) {
		sbx_lambda_apply_config(c, &f);
		rc = lambda_save(c, &f);
	}
	sbx_lambda_fn_clear(&f);
	return rc;
}
