/*
 * policy-parse-stmt.c: one statement — Sid, Effect, Principal, Action,
 * Resource (and their Not* forms).
 *
 * What AWS requires depends on where the policy is attached: an identity
 * policy must not name a Principal and needs a Resource; a resource
 * policy needs both; a role trust policy needs a Principal and has no
 * Resource. Actions are SERVICE:ACTION (wildcards only after the colon)
 * or "*"; resources are ARNs (arn:PARTITION:SERVICE:REGION:ACCOUNT:...)
 * or "*". Condition is parsed by policy-parse-cond.c.
 */
#include "hs-common.h"
#include "policy-int.h"

#include <ctype.h>

static const char *const statement_members[] = { "Sid", "Effect", "Principal",
	"NotPrincipal", "Action", "NotAction", "Resource", "NotResource",
	"Condition", NULL };

/* Free a statement (also a partly parsed one). */
void
pol_statement_release(struct pol_statement *st)
{
	size_t i;

	free(st->sid);
	for (i = 0; i < st->n_principals; i++)
		pol_principal_release(&st->principals[i]);
	free(st->principals);
	for (i = 0; i < st->n_actions; i++)
		pol_pattern_release(&st->actions[i]);
	free(st->actions);
	for (i = 0; i < st->n_resources; i++)
		pol_pattern_release(&st->resources[i]);
	free(st->resources);
	for (i = 0; i < st->n_conds; i++)
		pol_cond_release(&st->conds[i]);
	free(st->conds);
	memset(st, 0, sizeof *st);
}

/* The member named a or b; fail when both are present. */
static int
one_of(struct pol_parse *ps, const cJSON *obj, const char *path, const char *a,
    const char *b, const cJSON **item, bool *is_b)
{
	const cJSON *ia = cJSON_GetObjectItemCaseSensitive(obj, a);
	const cJSON *ib = cJSON_GetObjectItemCaseSensitive(obj, b);

	*item = NULL;
	*is_b = false;
	if (ia != NULL && ib != NULL)
		return pol_fail(ps, path, "must not contain both %s and %s", a, b);
	*item = ia != NULL ? ia : ib;
	*is_b = ib != NULL;
	return 0;
}

static int
parse_sid(struct pol_parse *ps, const cJSON *obj, const char *path,
    struct pol_statement *st)
{
	const cJSON *sid = cJSON_GetObjectItemCaseSensitive(obj, "Sid");
	char sub[POL_PATH_MAX];
	const char *s;

	if (sid == NULL)
		return 0;
	pol_path(sub, "%s.Sid", path);
	if (!cJSON_IsString(sid))
		return pol_fail(ps, sub, "must be a string");
	if (ps->p->type == POLICY_IDENTITY)
		for (s = sid->valuestring; *s != '\0'; s++)
			if (!isalnum((unsigned char)*s))
				return pol_fail(ps, sub, "Statement IDs (SID) "
				    "must be alpha-numeric. Check that your "
				    "input satisfies the regular expression "
				    "[0-9A-Za-z]*");
	st->sid = hs_xstrdup(sid->valuestring);
	return 0;
}

static int
parse_effect(struct pol_parse *ps, const cJSON *obj, const char *path,
    struct pol_statement *st)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(obj, "Effect");
	char sub[POL_PATH_MAX];

	if (e == NULL)
		return pol_fail(ps, path, "missing required field Effect");
	pol_path(sub, "%s.Effect", path);
	if (!cJSON_IsString(e) || (strcmp(e->valuestring, "Allow") != 0 &&
	    strcmp(e->valuestring, "Deny") != 0))
		return pol_fail(ps, sub, "must be \"Allow\" or \"Deny\"");
	st->deny = strcmp(e->valuestring, "Deny") == 0;
	return 0;
}

/* Compile the values of one principal type into the statement. */
static int
add_principals(struct pol_parse *ps, const char *path, const char *type,
    const cJSON *item, struct pol_statement *st)
{
	const char **vals;
	size_t n, i;
	char sub[POL_PATH_MAX], *reason = NULL;

	if (pol_string_list(ps, item, path, &vals, &n) < 0)
		return -1;
	st->principals = hs_xreallocarray(st->principals, st->n_principals + n,
	    sizeof *st->principals);
	for (i = 0; i < n; i++) {
		if (pol_principal_compile(&st->principals[st->n_principals],
		    type, vals[i], &reason) < 0) {
			pol_path(sub, cJSON_IsArray(item) ? "%s[%zu]" :
			    "%s", path, i);
			pol_fail(ps, sub, "%s", reason);
			free(reason);
			free(vals);
			return -1;
		}
		st->n_principals++;
	}
	free(vals);
	return 0;
}

static int
parse_principal_value(struct pol_parse *ps, const cJSON *item,
    const char *path, struct pol_statement *st)
{
	const cJSON *m;
	char sub[POL_PATH_MAX];

	if (cJSON_IsString(item))
		return add_principals(ps, path, NULL, item, st);
	if (!cJSON_IsObject(item) || cJSON_GetArraySize(item) == 0)
		return pol_fail(ps, path, "must be \"*\" or an object such as "
		    "{\"AWS\": \"arn:aws:iam::111122223333:root\"}");
	cJSON_ArrayForEach(m, item) {
		pol_path(sub, "%s.%s", path, m->string);
		if (add_principals(ps, sub, m->string, m, st) < 0)
			return -1;
	}
	return 0;
}

static int
parse_principal(struct pol_parse *ps, const cJSON *obj, const char *path,
    struct pol_statement *st)
{
	const cJSON *item;
	char sub[POL_PATH_MAX];

	if (one_of(ps, obj, path, "Principal", "NotPrincipal", &item,
	    &st->not_principal) < 0)
		return -1;
	if (item == NULL) {
		if (ps->p->type == POLICY_IDENTITY)
			return 0;
		return pol_fail(ps, path, "missing required field Principal");
	}
	pol_path(sub, "%s.%s", path, item->string);
	if (ps->p->type == POLICY_IDENTITY)
		return pol_fail(ps, sub, "Policy document should not specify a "
		    "principal (an identity-based policy applies to whoever it "
		    "is attached to)");
	st->has_principal = true;
	return parse_principal_value(ps, item, sub, st);
}

/* Check one action: "*" or SERVICE:ACTION, wildcards only in ACTION. */
static const char *
action_problem(const char *a)
{
	const char *colon = strchr(a, ':'), *s;

	if (strcmp(a, "*") == 0)
		return NULL;
	if (colon == NULL || colon == a || colon[1] == '\0')
		return "must be SERVICE:ACTION such as s3:GetObject, or \"*\"";
	for (s = a; s < colon; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return "the service prefix must be letters, digits and "
			    "'-' (no wildcards)";
	if (strchr(colon + 1, ':') != NULL)
		return "must be SERVICE:ACTION with a single ':'";
	return NULL;
}

static int
parse_actions(struct pol_parse *ps, const cJSON *obj, const char *path,
    struct pol_statement *st)
{
	const cJSON *item;
	const char **vals, *problem;
	char sub[POL_PATH_MAX], *reason = NULL;
	size_t n, i;

	if (one_of(ps, obj, path, "Action", "NotAction", &item,
	    &st->not_action) < 0)
		return -1;
	if (item == NULL)
		return pol_fail(ps, path, "missing required field Action");
	pol_path(sub, "%s.%s", path, item->string);
	if (pol_string_list(ps, item, sub, &vals, &n) < 0)
		return -1;
	st->actions = hs_xcalloc(n, sizeof *st->actions);
	for (i = 0; i < n; i++) {
		problem = action_problem(vals[i]);
		if (problem == NULL && pol_pattern_compile(&st->actions[i],
		    vals[i], POL_PAT_WILDCARDS, &reason) == 0) {
			st->n_actions++;
			continue;
		}
		if (cJSON_IsArray(item))
			pol_path(sub, "%s.%s[%zu]", path,
			    item->string, i);
		pol_fail(ps, sub, "'%s' %s", vals[i], problem ? problem : reason);
		free(reason);
		free(vals);
		return -1;
	}
	free(vals);
	return 0;
}

/* Check one resource: "*" or an ARN with its six parts. */
static bool
resource_ok(const char *r)
{
	struct pol_arn a;

	if (strcmp(r, "*") == 0)
		return true;
	return hs_starts_with(r, "arn:") && pol_arn_split(r, strlen(r), &a) &&
	    a.len[1] > 0 && a.len[2] > 0 && a.len[5] > 0;
}

static int
compile_resources(struct pol_parse *ps, const cJSON *item, const char *path,
    const char **vals, size_t n, struct pol_statement *st)
{
	unsigned flags = POL_PAT_WILDCARDS |
	    (ps->p->variables ? POL_PAT_VARIABLES : 0);
	char sub[POL_PATH_MAX], *reason = NULL;
	size_t i;

	st->resources = hs_xcalloc(n, sizeof *st->resources);
	for (i = 0; i < n; i++) {
		bool ok = resource_ok(vals[i]);

		if (ok && pol_pattern_compile(&st->resources[i], vals[i], flags,
		    &reason) == 0) {
			st->n_resources++;
			continue;
		}
		pol_path(sub, cJSON_IsArray(item) ? "%s[%zu]" : "%s",
		    path, i);
		if (ok)
			pol_fail(ps, sub, "%s", reason);
		else
			pol_fail(ps, sub, "'%s' must be an ARN (arn:PARTITION:"
			    "SERVICE:REGION:ACCOUNT:RESOURCE) or \"*\"", vals[i]);
		free(reason);
		return -1;
	}
	return 0;
}

static int
parse_resources(struct pol_parse *ps, const cJSON *obj, const char *path,
    struct pol_statement *st)
{
	const cJSON *item;
	const char **vals;
	char sub[POL_PATH_MAX];
	size_t n;
	int rc;

	if (one_of(ps, obj, path, "Resource", "NotResource", &item,
	    &st->not_resource) < 0)
		return -1;
	if (item == NULL && ps->p->type == POLICY_TRUST)
		return 0;
	if (item == NULL)
		return pol_fail(ps, path, "missing required field Resource");
	pol_path(sub, "%s.%s", path, item->string);
	if (ps->p->type == POLICY_TRUST)
		return pol_fail(ps, sub, "Has prohibited field %s (a role trust "
		    "policy applies to the role itself)", item->string);
	if (pol_string_list(ps, item, sub, &vals, &n) < 0)
		return -1;
	st->has_resource = true;
	rc = compile_resources(ps, item, sub, vals, n, st);
	free(vals);
	return rc;
}

/* Parse one statement object at path. */
int
pol_parse_statement(struct pol_parse *ps, const cJSON *obj, const char *path,
    struct pol_statement *st)
{
	const cJSON *cond;
	char sub[POL_PATH_MAX];

	if (!cJSON_IsObject(obj))
		return pol_fail(ps, path, "a statement must be a JSON object");
	if (pol_check_members(ps, obj, path, statement_members) < 0 ||
	    parse_sid(ps, obj, path, st) < 0 ||
	    parse_effect(ps, obj, path, st) < 0 ||
	    parse_principal(ps, obj, path, st) < 0 ||
	    parse_actions(ps, obj, path, st) < 0 ||
	    parse_resources(ps, obj, path, st) < 0)
		return -1;
	cond = cJSON_GetObjectItemCaseSensitive(obj, "Condition");
	if (cond == NULL)
		return 0;
	pol_path(sub, "%s.Condition", path);
	return pol_parse_conditions(ps, cond, sub, st);
}
