/*
 * policy-parse-cond.c: the Condition element.
 *
 *   "Condition": { OPERATOR: { KEY: VALUE or [VALUE, ...] }, ... }
 *
 * OPERATOR is one of policy-cond.c's operators, optionally prefixed by
 * ForAllValues: or ForAnyValue: and suffixed by IfExists (Null takes
 * neither). KEY is SERVICE:NAME (aws:SourceIp, s3:prefix). VALUEs are
 * strings, numbers or booleans; a number keeps its text as written.
 * Each value is compiled for its operator here, so a bad date or CIDR is
 * reported at parse time with its path, not silently never matched.
 */
#include "hs-common.h"
#include "policy-int.h"

static bool
key_ok(const char *key)
{
	const char *colon = strchr(key, ':');

	return colon != NULL && colon != key && colon[1] != '\0';
}

/* Compile one value of a condition key. */
static int
add_value(struct pol_parse *ps, struct pol_cond *c, const cJSON *item,
    const char *path)
{
	char *text = pol_scalar_text(ps, item, path), *reason = NULL;
	int rc;

	if (text == NULL)
		return pol_fail(ps, path, "must be a string, a number or a "
		    "boolean");
	rc = pol_value_compile(&c->values[c->n], c->op, text,
	    ps->p->variables, &reason);
	free(text);
	if (rc < 0) {
		pol_fail(ps, path, "%s", reason);
		free(reason);
		return -1;
	}
	c->n++;
	return 0;
}

/* Compile the values of one key into condition c. */
static int
parse_key_values(struct pol_parse *ps, struct pol_cond *c, const cJSON *item,
    const char *path)
{
	const cJSON *el;
	char sub[POL_PATH_MAX];
	size_t i = 0;

	if (!cJSON_IsArray(item)) {
		c->values = hs_xcalloc(1, sizeof *c->values);
		return add_value(ps, c, item, path);
	}
	if (cJSON_GetArraySize(item) == 0)
		return pol_fail(ps, path, "must not be empty");
	c->values = hs_xcalloc((size_t)cJSON_GetArraySize(item),
	    sizeof *c->values);
	cJSON_ArrayForEach(el, item) {
		pol_path(sub, "%s[%zu]", path, i++);
		if (add_value(ps, c, el, sub) < 0)
			return -1;
	}
	return 0;
}

static int
bad_operator(struct pol_parse *ps, const char *name, const char *path)
{
	const char *base = strrchr(name, ':');
	const char *hint;

	base = base != NULL ? base + 1 : name;
	if (hs_starts_with(base, "Null") && strcmp(base, "Null") != 0)
		return pol_fail(ps, path, "invalid condition operator (Null "
		    "takes no IfExists)");
	if (strcmp(base, "Null") == 0)
		return pol_fail(ps, path, "invalid condition operator (Null "
		    "takes no ForAllValues: or ForAnyValue:)");
	hint = pol_op_suggest(base);
	if (hint != NULL)
		return pol_fail(ps, path, "invalid condition operator (did you "
		    "mean \"%s\"?)", hint);
	return pol_fail(ps, path, "invalid condition operator");
}

/* Parse one OPERATOR: { KEY: VALUES, ... } member. */
static int
parse_operator(struct pol_parse *ps, const cJSON *opitem, const char *path,
    struct pol_statement *st)
{
	const struct pol_op *op;
	enum pol_set set;
	bool if_exists;
	const cJSON *k;
	char sub[POL_PATH_MAX];

	if (pol_cond_parse_op(opitem->string, &op, &set, &if_exists) < 0)
		return bad_operator(ps, opitem->string, path);
	if (!cJSON_IsObject(opitem) || cJSON_GetArraySize(opitem) == 0)
		return pol_fail(ps, path, "must be an object of condition keys "
		    "and values, e.g. {\"aws:SecureTransport\": \"false\"}");
	cJSON_ArrayForEach(k, opitem) {
		struct pol_cond *c;

		pol_path(sub, "%s.%s", path, k->string);
		if (!key_ok(k->string))
			return pol_fail(ps, sub, "the condition key must be "
			    "SERVICE:NAME such as aws:SourceIp");
		st->conds = hs_xreallocarray(st->conds, st->n_conds + 1,
		    sizeof *st->conds);
		c = &st->conds[st->n_conds++];
		memset(c, 0, sizeof *c);
		c->op = op;
		c->set = set;
		c->if_exists = if_exists;
		c->op_name = hs_xstrdup(opitem->string);
		c->key = hs_xstrdup(k->string);
		if (parse_key_values(ps, c, k, sub) < 0)
			return -1;
	}
	return 0;
}

/* Parse a statement's Condition object at path. */
int
pol_parse_conditions(struct pol_parse *ps, const cJSON *obj, const char *path,
    struct pol_statement *st)
{
	const cJSON *m;
	char sub[POL_PATH_MAX];

	if (!cJSON_IsObject(obj))
		return pol_fail(ps, path, "must be an object of condition "
		    "operators");
	cJSON_ArrayForEach(m, obj) {
		pol_path(sub, "%s.%s", path, m->string);
		if (parse_operator(ps, m, sub, st) < 0)
			return -1;
	}
	return 0;
}
