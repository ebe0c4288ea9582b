/*
 * policy-cond.c: condition operators and how a condition holds.
 *
 * The rules, from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * and .../reference_policies_multi-value-conditions.html:
 * - the values of one key are OR'ed (for a negated operator: NOR);
 * - a key absent from the request makes a condition false, except that a
 *   negated operator (StringNotEquals, NotIpAddress, ArnNotLike...) is
 *   then true, ...IfExists is true, and Null tests presence itself;
 * - ForAllValues: every request value must match (true for no values),
 *   ForAnyValue: at least one must (false for no values);
 * - a request value that cannot be read as the operator's type (a date
 *   operator given "yesterday") matches no policy value.
 * Keys and values with several request values and no set qualifier: a
 * positive operator holds when any request value matches, a negated one
 * when none does.
 */
#include "hs-common.h"
#include "policy-int.h"

#include <strings.h>

/* Every operator, sorted by name (bsearch; tests check the order). */
static const struct pol_op ops[] = {
	{ "ArnEquals", POL_C_ARN, POL_CMP_LIKE, false, false, true },
	{ "ArnLike", POL_C_ARN, POL_CMP_LIKE, false, false, true },
	{ "ArnNotEquals", POL_C_ARN, POL_CMP_LIKE, true, false, true },
	{ "ArnNotLike", POL_C_ARN, POL_CMP_LIKE, true, false, true },
	{ "BinaryEquals", POL_C_BINARY, POL_CMP_EQ, false, false, false },
	{ "Bool", POL_C_BOOL, POL_CMP_EQ, false, false, true },
	{ "DateEquals", POL_C_DATE, POL_CMP_EQ, false, false, false },
	{ "DateGreaterThan", POL_C_DATE, POL_CMP_GT, false, false, false },
	{ "DateGreaterThanEquals", POL_C_DATE, POL_CMP_GE, false, false, false },
	{ "DateLessThan", POL_C_DATE, POL_CMP_LT, false, false, false },
	{ "DateLessThanEquals", POL_C_DATE, POL_CMP_LE, false, false, false },
	{ "DateNotEquals", POL_C_DATE, POL_CMP_EQ, true, false, false },
	{ "IpAddress", POL_C_IP, POL_CMP_EQ, false, false, false },
	{ "NotIpAddress", POL_C_IP, POL_CMP_EQ, true, false, false },
	{ "Null", POL_C_NULL, POL_CMP_EQ, false, false, false },
	{ "NumericEquals", POL_C_NUMERIC, POL_CMP_EQ, false, false, false },
	{ "NumericGreaterThan", POL_C_NUMERIC, POL_CMP_GT, false, false, false },
	{ "NumericGreaterThanEquals", POL_C_NUMERIC, POL_CMP_GE, false, false, false },
	{ "NumericLessThan", POL_C_NUMERIC, POL_CMP_LT, false, false, false },
	{ "NumericLessThanEquals", POL_C_NUMERIC, POL_CMP_LE, false, false, false },
	{ "NumericNotEquals", POL_C_NUMERIC, POL_CMP_EQ, true, false, false },
	{ "StringEquals", POL_C_STRING, POL_CMP_EQ, false, false, true },
	{ "StringEqualsIgnoreCase", POL_C_STRING, POL_CMP_EQ, false, true, true },
	{ "StringLike", POL_C_STRING, POL_CMP_LIKE, false, false, true },
	{ "StringNotEquals", POL_C_STRING, POL_CMP_EQ, true, false, true },
	{ "StringNotEqualsIgnoreCase", POL_C_STRING, POL_CMP_EQ, true, true, true },
	{ "StringNotLike", POL_C_STRING, POL_CMP_LIKE, true, false, true },
};

#ifdef HS_UNIT_TESTS
const struct pol_op *pol_ops_table(size_t *n);
/* Give tests the table, to check its order. */
const struct pol_op *
pol_ops_table(size_t *n)
{
	*n = HS_ARRAY_SIZE(ops);
	return ops;
}
#endif

static int
op_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct pol_op *)elem)->name);
}

/* Find a base operator by its exact name. */
const struct pol_op *
pol_op_find(const char *name)
{
	return bsearch(name, ops, HS_ARRAY_SIZE(ops), sizeof ops[0], op_cmp);
}

/* The operator name closest to a misspelt one, or NULL. */
const char *
pol_op_suggest(const char *name)
{
	const char *best = NULL;
	size_t i, best_d = 4;

	for (i = 0; i < HS_ARRAY_SIZE(ops); i++) {
		size_t d = hs_edit_distance(name, ops[i].name);

		if (d < best_d) {
			best_d = d;
			best = ops[i].name;
		}
	}
	return best;
}

/* Split "ForAnyValue:StringLikeIfExists" into operator and qualifiers. */
int
pol_cond_parse_op(const char *name, const struct pol_op **op,
    enum pol_set *set, bool *if_exists)
{
	char base[64];
	size_t n;

	*set = POL_SET_NONE;
	if (hs_starts_with(name, "ForAllValues:")) {
		*set = POL_SET_ALL;
		name += strlen("ForAllValues:");
	} else if (hs_starts_with(name, "ForAnyValue:")) {
		*set = POL_SET_ANY;
		name += strlen("ForAnyValue:");
	}
	if (hs_strlcpy(base, name, sizeof base) >= sizeof base)
		return -1;
	n = strlen(base);
	*if_exists = n > 8 && strcmp(base + n - 8, "IfExists") == 0;
	if (*if_exists)
		base[n - 8] = '\0';
	*op = pol_op_find(base);
	if (*op == NULL)
		return -1;
	if ((*op)->cls == POL_C_NULL && (*if_exists || *set != POL_SET_NONE))
		return -1;
	return 0;
}

static const char *
type_hint(enum pol_class cls)
{
	switch (cls) {
	case POL_C_NUMERIC: return "must be a number";
	case POL_C_DATE: return "must be a date (ISO 8601 such as "
	    "2020-01-01T00:00:00Z, or epoch seconds)";
	case POL_C_BOOL:
	case POL_C_NULL: return "must be \"true\" or \"false\"";
	case POL_C_IP: return "must be an IPv4 or IPv6 address or CIDR block "
	    "(203.0.113.0/24, 2001:db8::/32)";
	case POL_C_BINARY: return "must be base64";
	case POL_C_STRING:
	case POL_C_ARN: break;
	}
	return "is not valid";
}

/* Parse the typed value of a non-string operator. */
static int
compile_typed(struct pol_value *v, enum pol_class cls, const char *src)
{
	switch (cls) {
	case POL_C_NUMERIC: return pol_parse_number(src, &v->num);
	case POL_C_DATE: return pol_parse_date(src, &v->usec);
	case POL_C_IP: return pol_parse_ip(src, &v->ip, true);
	case POL_C_BINARY: return pol_base64_decode(src, &v->bin, &v->binlen);
	case POL_C_NULL:
	case POL_C_BOOL: return pol_parse_bool(src, &v->flag);
	case POL_C_STRING:
	case POL_C_ARN: break;
	}
	return 0;
}

/* Compile one condition value for op; variables: Version 2012-10-17. */
int
pol_value_compile(struct pol_value *v, const struct pol_op *op,
    const char *src, bool variables, char **reason)
{
	unsigned flags = variables && op->variables ? POL_PAT_VARIABLES : 0;

	memset(v, 0, sizeof *v);
	if (op->cls == POL_C_STRING || op->cls == POL_C_ARN) {
		if (op->cmp == POL_CMP_LIKE)
			flags |= POL_PAT_WILDCARDS;
		return pol_pattern_compile(&v->pat, src, flags, reason);
	}
	if (op->cls == POL_C_BOOL && flags && strstr(src, "${") != NULL)
		return pol_pattern_compile(&v->pat, src, flags, reason);
	if (compile_typed(v, op->cls, src) < 0) {
		*reason = hs_xasprintf("'%s' %s", src, type_hint(op->cls));
		return -1;
	}
	return 0;
}

/* Free a condition and its values. */
void
pol_cond_release(struct pol_cond *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		pol_pattern_release(&c->values[i].pat);
		free(c->values[i].bin);
	}
	free(c->values);
	free(c->op_name);
	free(c->key);
	memset(c, 0, sizeof *c);
}

static bool
ordered(enum pol_cmp cmp, double a, double b)
{
	switch (cmp) {
	case POL_CMP_EQ:
	case POL_CMP_LIKE: return a == b;
	case POL_CMP_LT: return a < b;
	case POL_CMP_LE: return a <= b;
	case POL_CMP_GT: return a > b;
	case POL_CMP_GE: return a >= b;
	}
	return false;
}

/* Compare a request string with a (possibly variable) string value. */
static bool
match_string(const struct pol_op *op, const struct pol_value *v, const char *s,
    const struct policy_ctx *ctx, struct hs_buf *scratch,
    struct pol_missing *missing)
{
	const char *p;
	size_t plen, slen = strlen(s);

	if (!pol_pattern_expand(&v->pat, ctx, scratch, &p, &plen, missing))
		return false;
	if (op->cls == POL_C_ARN)
		return pol_arn_glob(p, plen, s, slen);
	if (op->cmp == POL_CMP_LIKE)
		return pol_glob(p, plen, s, slen, false);
	if (plen != slen)
		return false;
	return op->icase ? strncasecmp(p, s, slen) == 0 : memcmp(p, s, slen) == 0;
}

static bool
match_bool(const struct pol_value *v, const char *s,
    const struct policy_ctx *ctx, struct hs_buf *scratch,
    struct pol_missing *missing)
{
	const char *p;
	size_t plen;
	bool want = v->flag, got;

	if (pol_pattern_has_vars(&v->pat)) {
		if (!pol_pattern_expand(&v->pat, ctx, scratch, &p, &plen,
		    missing) || pol_parse_bool(p, &want) < 0)
			return false;
	}
	return pol_parse_bool(s, &got) == 0 && got == want;
}

static bool
match_binary(const struct pol_value *v, const char *s)
{
	unsigned char *bytes;
	size_t n;
	bool eq;

	if (pol_base64_decode(s, &bytes, &n) < 0)
		return false;
	eq = n == v->binlen && memcmp(bytes, v->bin, n) == 0;
	free(bytes);
	return eq;
}

/* Tell whether request value s matches one policy value (positively). */
static bool
match_one(const struct pol_op *op, const struct pol_value *v, const char *s,
    const struct policy_ctx *ctx, struct hs_buf *scratch,
    struct pol_missing *missing)
{
	double d;
	int64_t t;
	struct pol_ip ip;

	switch (op->cls) {
	case POL_C_STRING:
	case POL_C_ARN:
		return match_string(op, v, s, ctx, scratch, missing);
	case POL_C_BOOL:
		return match_bool(v, s, ctx, scratch, missing);
	case POL_C_NUMERIC:
		return pol_parse_number(s, &d) == 0 && ordered(op->cmp, d, v->num);
	case POL_C_DATE:
		return pol_parse_date(s, &t) == 0 &&
		    ordered(op->cmp, (double)t, (double)v->usec);
	case POL_C_IP:
		return pol_parse_ip(s, &ip, false) == 0 && pol_ip_in(&v->ip, &ip);
	case POL_C_BINARY:
		return match_binary(v, s);
	case POL_C_NULL:
		break;
	}
	return false;
}

/* Tell whether request value s matches any of the condition's values. */
static bool
match_any(const struct pol_cond *c, const char *s, const struct policy_ctx *ctx,
    struct hs_buf *scratch, struct pol_missing *missing)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (match_one(c->op, &c->values[i], s, ctx, scratch, missing))
			return true;
	return false;
}

/* Null: "true" holds when the key is absent, "false" when present. */
static bool
eval_null(const struct pol_cond *c, bool present)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->values[i].flag != present)
			return true;
	return false;
}

/* Tell whether condition c holds for the request context. */
bool
pol_cond_eval(const struct pol_cond *c, const struct policy_ctx *ctx,
    struct hs_buf *scratch, struct pol_missing *missing)
{
	const struct pol_ctx_entry *e = ctx ? pol_ctx_find(ctx, c->key) : NULL;
	size_t i, hits = 0;

	if (e == NULL || e->n == 0) {
		pol_missing_add(missing, c->key);
		if (c->op->cls == POL_C_NULL)
			return eval_null(c, false);
		if (c->if_exists || c->set == POL_SET_ALL)
			return true;
		return c->set == POL_SET_NONE && c->op->negated;
	}
	if (c->op->cls == POL_C_NULL)
		return eval_null(c, true);
	for (i = 0; i < e->n; i++)
		if (match_any(c, e->values[i], ctx, scratch, missing) !=
		    c->op->negated)
			hits++;
	if (c->set == POL_SET_ALL || (c->set == POL_SET_NONE && c->op->negated))
		return hits == e->n;
	return hits > 0;
}
