/*
 * paginate-expr.c: the JMESPath that paginators-1.json uses - and only
 * that: identifiers, sub-expressions "a.b", index expressions "a[N]" (N
 * negative counts from the end) and or-expressions "a || b". Every
 * expression of the installed botocore models is of this form; anything
 * else is refused with the expression named, so a new model with richer
 * syntax fails loudly instead of paginating wrongly. (--query, the full
 * JMESPath, is a later part of the shell.)
 *
 * Also botocore's set_value_from_jmespath(): set a value at a dotted path.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>
#include <ctype.h>

struct expr {
	const char *s;
	const char *p;
	char **cause;
};

static void
skip_ws(struct expr *e)
{
	while (isspace((unsigned char)*e->p))
		e->p++;
}

static int
unsupported(struct expr *e)
{
	*e->cause = hs_xasprintf("unsupported paginator expression '%s' at "
	    "'%s': only a.b, a[N] and a || b are understood", e->s, e->p);
	return -1;
}

/* JMESPath truthiness: not null, false, or an empty list/object/string. */
static bool
truthy(const cJSON *v)
{
	if (v == NULL || cJSON_IsNull(v) || cJSON_IsFalse(v))
		return false;
	if (cJSON_IsArray(v) || cJSON_IsObject(v))
		return v->child != NULL;
	if (cJSON_IsString(v))
		return v->valuestring[0] != '\0';
	return true;
}

/* An identifier ([A-Za-z_][A-Za-z0-9_]*) applied to v. */
static int
field(struct expr *e, const cJSON *v, const cJSON **out)
{
	const char *start = e->p;
	char *name;

	if (!isalpha((unsigned char)*e->p) && *e->p != '_')
		return unsupported(e);
	while (isalnum((unsigned char)*e->p) || *e->p == '_')
		e->p++;
	name = hs_xstrndup(start, (size_t)(e->p - start));
	*out = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, name) :
	    NULL;
	free(name);
	return 0;
}

/* "[N]" applied to v. */
static int
index_of(struct expr *e, const cJSON *v, const cJSON **out)
{
	char *end;
	long i = strtol(e->p + 1, &end, 10);
	int n;

	if (end == e->p + 1 || *end != ']')
		return unsupported(e);
	e->p = end + 1;
	*out = NULL;
	if (!cJSON_IsArray(v))
		return 0;
	n = cJSON_GetArraySize(v);
	if (i < 0)
		i += n;
	if (i >= 0 && i < n)
		*out = cJSON_GetArrayItem(v, (int)i);
	return 0;
}

/* field ("." field | "[" N "]")* */
static int
chain(struct expr *e, const cJSON *root, const cJSON **out)
{
	const cJSON *v;

	skip_ws(e);
	if (field(e, root, &v) < 0)
		return -1;
	for (;;) {
		if (*e->p == '.') {
			e->p++;
			if (field(e, v, &v) < 0)
				return -1;
		} else if (*e->p == '[') {
			if (index_of(e, v, &v) < 0)
				return -1;
		} else
			break;
	}
	skip_ws(e);
	*out = cJSON_IsNull(v) ? NULL : v;
	return 0;
}

/* Evaluate a paginator expression. */
int
hs_pexpr_search(const char *expr, const cJSON *root, const cJSON **out,
    char **cause)
{
	struct expr e = { expr, expr, cause };
	const cJSON *v = NULL, *alt;

	if (chain(&e, root, &v) < 0)
		return -1;
	while (e.p[0] == '|' && e.p[1] == '|') {
		e.p += 2;
		if (chain(&e, root, &alt) < 0)
			return -1;
		if (!truthy(v))
			v = alt;
	}
	if (*e.p != '\0')
		return unsupported(&e);
	*out = v;
	return 0;
}

/* Set the value at a dotted path, making objects on the way. */
int
hs_pexpr_set(cJSON *root, const char *expr, cJSON *value, char **cause)
{
	const char *dot = strchr(expr, '.');
	size_t len = dot ? (size_t)(dot - expr) : strlen(expr);
	char *key = hs_xstrndup(expr, len);
	cJSON *next;
	int rc = -1;

	if (len == 0 || !cJSON_IsObject(root)) {
		*cause = hs_xasprintf("cannot set '%s' in the output", expr);
		cJSON_Delete(value);
		goto cleanup;
	}
	if (dot == NULL) {
		if (value == NULL)
			value = cJSON_CreateNull();
		if (cJSON_GetObjectItemCaseSensitive(root, key) != NULL)
			cJSON_ReplaceItemInObjectCaseSensitive(root, key, value);
		else
			cJSON_AddItemToObject(root, key, value);
		rc = 0;
		goto cleanup;
	}
	next = cJSON_GetObjectItemCaseSensitive(root, key);
	if (next == NULL)
		next = cJSON_AddObjectToObject(root, key);
	rc = hs_pexpr_set(next, dot + 1, value, cause);
cleanup:
	free(key);
	return rc;
}
