/*
 * lambda-util.c: what Lambda's handlers share: function ARNs, the forms
 * of FunctionName (name, name:qualifier, ARN, partial ARN), loading the
 * function a request names, the FunctionConfiguration structure as
 * Lambda answers it, its dates, and its errors.
 */
#include "hs-common.h"
#include "lambda.h"

#include <ctype.h>

/* arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]. */
char *
sbx_lambda_arn(const struct sandbox *sb, const struct sbx_lambda_fn *f,
    bool qualified)
{
	return hs_xasprintf("arn:aws:lambda:%s:%s:function:%s%s%s", f->region,
	    sb->account_id, f->name, qualified ? ":" : "",
	    qualified ? f->version : "");
}

/* Tell whether s is a function name ([a-zA-Z0-9-_]{1,64}). */
static bool
lambda_name_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 64)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

/* The name and qualifier of a FunctionName. */
bool
sbx_lambda_parse_name(const char *in, char **name, char **qualifier)
{
	const char *p = in, *colon;

	*name = *qualifier = NULL;
	if (in == NULL)
		return false;
	if (hs_starts_with(p, "arn:")) {
		p = strstr(p, ":function:");
		if (p == NULL)
			return false;
		p += strlen(":function:");
	} else if ((colon = strstr(p, ":function:")) != NULL)
		p = colon + strlen(":function:");
	colon = strchr(p, ':');
	if (!lambda_name_ok(p, colon ? (size_t)(colon - p) : strlen(p)))
		return false;
	*name = colon ? hs_xstrndup(p, (size_t)(colon - p)) : hs_xstrdup(p);
	if (colon != NULL) {
		if (colon[1] == '\0' || strchr(colon + 1, ':') != NULL) {
			free(*name);
			*name = NULL;
			return false;
		}
		*qualifier = hs_xstrdup(colon + 1);
	}
	return true;
}

/* Answer ResourceNotFoundException for a function. */
int
sbx_lambda_not_found(struct sbx_call *c, const char *name,
    const char *qualifier)
{
	return sbx_fail(c, 404, "ResourceNotFoundException", "Function not "
	    "found: arn:aws:lambda:%s:%s:function:%s%s%s", c->region ?
	    c->region : "us-east-1", c->sb->account_id, name,
	    qualifier ? ":" : "", qualifier ? qualifier : "");
}

/* Require the caller's permission for a Lambda action. */
int
sbx_lambda_authorize(struct sbx_call *c, const char *action, const char *arn)
{
	return sbx_api_authorize(c, "AccessDeniedException", action, arn);
}

/* Load the function of the input's FunctionName and Qualifier. */
int
sbx_lambda_load(struct sbx_call *c, const char *action,
    struct sbx_lambda_fn *f)
{
	const char *in = sbx_in_str(c, "FunctionName");
	const char *q_in = sbx_in_str(c, "Qualifier");
	char *name = NULL, *qual = NULL, *arn, *cause = NULL;
	int rc = -1, r;

	if (!sbx_lambda_parse_name(in, &name, &qual))
		return sbx_api_invalid(c, "ValidationException", in,
		    "functionName", "satisfy regular expression pattern: "
		    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}"
		    ":)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|"
		    "[a-zA-Z0-9-_]+))?");
	if (q_in != NULL && qual != NULL && strcmp(q_in, qual) != 0) {
		sbx_fail(c, 400, "InvalidParameterValueException", "The derived "
		    "qualifier from the function name does not match the "
		    "specified qualifier.");
		goto cleanup;
	}
	if (qual == NULL && q_in != NULL)
		qual = hs_xstrdup(q_in);
	arn = hs_xasprintf("arn:aws:lambda:%s:%s:function:%s", c->region ?
	    c->region : "us-east-1", c->sb->account_id, name);
	r = sbx_lambda_authorize(c, action, arn);
	free(arn);
	if (r != 0)
		goto cleanup;
	r = sbx_lambda_fn_get(c->sb->store, name, qual ? qual : "$LATEST", f,
	    &cause);
	if (r < 0)
		sbx_api_internal(c, cause);
	else if (r == 1)
		sbx_lambda_not_found(c, name, qual);
	else
		rc = 0;
cleanup:
	free(name);
	free(qual);
	return rc;
}

/* LastModified as Lambda writes it: 2024-01-02T03:04:05.678+0000. */
void
sbx_lambda_date(int64_t ms, char out[40])
{
	struct tm tm;
	char base[20];

	hs_gmtime((time_t)(ms / 1000), &tm);
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 40, "%.19s.%03u+0000", base, (unsigned)(ms % 1000) % 1000);
}

/* Add the state members of a form. */
static void
lambda_state(cJSON *o, enum sbx_lambda_form form)
{
	if (form == LAMBDA_FORM_LISTED)
		return;
	if (form == LAMBDA_FORM_CREATED) {
		cJSON_AddStringToObject(o, "State", "Pending");
		cJSON_AddStringToObject(o, "StateReason", "The function is being "
		    "created.");
		cJSON_AddStringToObject(o, "StateReasonCode", "Creating");
		return;
	}
	cJSON_AddStringToObject(o, "State", "Active");
	cJSON_AddStringToObject(o, "LastUpdateStatus", form ==
	    LAMBDA_FORM_UPDATED ? "InProgress" : "Successful");
}

/* The members after Version: environment, tracing, state, packaging. */
static void
lambda_config_rest(cJSON *o, const struct sbx_lambda_fn *f,
    enum sbx_lambda_form form)
{
	cJSON *x;
	char *group;

	if (f->env != NULL) {
		x = cJSON_AddObjectToObject(o, "Environment");
		cJSON_AddItemToObject(x, "Variables", cJSON_Duplicate(f->env,
		    true));
	}
	x = cJSON_AddObjectToObject(o, "TracingConfig");
	cJSON_AddStringToObject(x, "Mode", "PassThrough");
	cJSON_AddStringToObject(o, "RevisionId", f->revision);
	lambda_state(o, form);
	cJSON_AddStringToObject(o, "PackageType", "Zip");
	x = cJSON_AddArrayToObject(o, "Architectures");
	cJSON_AddItemToArray(x, cJSON_CreateString(f->arch));
	x = cJSON_AddObjectToObject(o, "EphemeralStorage");
	cJSON_AddNumberToObject(x, "Size", 512);
	x = cJSON_AddObjectToObject(o, "SnapStart");
	cJSON_AddStringToObject(x, "ApplyOn", "None");
	cJSON_AddStringToObject(x, "OptimizationStatus", "Off");
	x = cJSON_AddObjectToObject(o, "LoggingConfig");
	cJSON_AddStringToObject(x, "LogFormat", "Text");
	group = hs_xasprintf("/aws/lambda/%s", f->name);
	cJSON_AddStringToObject(x, "LogGroup", group);
	free(group);
}

/* A function as Lambda's FunctionConfiguration. */
cJSON *
sbx_lambda_config_json(const struct sandbox *sb,
    const struct sbx_lambda_fn *f, enum sbx_lambda_form form)
{
	cJSON *o = cJSON_CreateObject();
	char *arn = sbx_lambda_arn(sb, f, strcmp(f->version, "$LATEST") != 0);
	char when[40];

	cJSON_AddStringToObject(o, "FunctionName", f->name);
	cJSON_AddStringToObject(o, "FunctionArn", arn);
	free(arn);
	cJSON_AddStringToObject(o, "Runtime", f->runtime);
	cJSON_AddStringToObject(o, "Role", f->role);
	cJSON_AddStringToObject(o, "Handler", f->handler);
	cJSON_AddNumberToObject(o, "CodeSize", (double)f->code_size);
	cJSON_AddStringToObject(o, "Description", f->description ?
	    f->description : "");
	cJSON_AddNumberToObject(o, "Timeout", f->timeout);
	cJSON_AddNumberToObject(o, "MemorySize", f->memory);
	sbx_lambda_date(f->modified_ms, when);
	cJSON_AddStringToObject(o, "LastModified", when);
	cJSON_AddStringToObject(o, "CodeSha256", f->code_sha);
	cJSON_AddStringToObject(o, "Version", f->version);
	lambda_config_rest(o, f, form);
	return o;
}
