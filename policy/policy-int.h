/*
 * policy-int.h: what the files of policy/ share and nobody else sees.
 *
 * A parsed policy is compiled once: patterns keep their wildcards as the
 * bytes POL_STAR and POL_QMARK (so a literal '*' from ${*} or from a
 * variable's value can never act as a wildcard), condition values are
 * parsed into numbers, times, addresses and bytes, and principals into
 * kinds. Evaluation then only compares.
 */
#ifndef HS_POLICY_INT_H
#define HS_POLICY_INT_H

#include "policy.h"

#include <stdint.h>

/* Wildcards inside compiled patterns. */
#define POL_STAR '\x01'
#define POL_QMARK '\x02'

/* Largest policy document accepted (AWS's own limits are 6 KiB to 20 KiB). */
#define POL_MAX_DOCUMENT ((size_t)1 << 20)
/* Longest JSON path kept for error messages. */
#define POL_PATH_MAX 512

/* policy-json.c: a validating pass that knows where every value is. */
struct pj_node {
	char *path;		/* "Statement[1].Effect" */
	size_t key_start;	/* offset of the member's key, or of the value */
	size_t start;		/* offset of the value's first byte */
	size_t end;		/* offset just after the value */
};

struct pj_doc {
	const char *text;
	size_t len;
	struct pj_node *nodes;
	size_t n;
	size_t alloc;
};

int pj_scan(struct pj_doc *doc, const char *text, size_t len, char **cause);
const struct pj_node *pj_find(const struct pj_doc *doc, const char *path);
void pj_position(const char *text, size_t off, struct policy_position *pos);
void pj_release(struct pj_doc *doc);

/* policy-vars.c: patterns, with policy variables, compiled. */
struct pol_part {
	char *text;		/* compiled literal text, or the variable's key */
	size_t len;
	char *dflt;		/* the variable's default ('...'), or NULL */
	bool var;
};

struct pol_pattern {
	char *source;		/* as written in the policy */
	char *text;		/* compiled, when there are no variables */
	size_t len;
	struct pol_part *parts;	/* when there are variables */
	size_t nparts;
};

enum pol_pattern_flags {
	POL_PAT_WILDCARDS = 1 << 0,	/* '*' and '?' are wildcards */
	POL_PAT_VARIABLES = 1 << 1,	/* ${...} are policy variables */
};

/* Missing condition keys, gathered during evaluation (NULL: don't). */
struct pol_missing {
	char **keys;
	size_t n;
	size_t alloc;
};

int pol_pattern_compile(struct pol_pattern *pat, const char *src,
    unsigned flags, char **reason);
void pol_pattern_release(struct pol_pattern *pat);
bool pol_pattern_has_vars(const struct pol_pattern *pat);
bool pol_pattern_expand(const struct pol_pattern *pat,
    const struct policy_ctx *ctx, struct hs_buf *scratch, const char **out,
    size_t *outlen, struct pol_missing *missing);
void pol_missing_add(struct pol_missing *m, const char *key);
void pol_missing_release(struct pol_missing *m);

/* policy-match.c: wildcards and ARNs. */
bool pol_glob(const char *p, size_t plen, const char *s, size_t slen,
    bool fold);
bool pol_arn_glob(const char *p, size_t plen, const char *s, size_t slen);
/* Split an ARN into its six parts; false when it has fewer. */
struct pol_arn {
	const char *part[6];
	size_t len[6];
};
bool pol_arn_split(const char *s, size_t len, struct pol_arn *arn);

/* policy-principal.c: the Principal element. */
enum pol_pkind {
	POL_P_ANY,		/* "*" or {"AWS": "*"} */
	POL_P_ACCOUNT,		/* "111122223333" or arn:aws:iam::111122223333:root */
	POL_P_ARN,		/* an IAM user, STS session, federated user */
	POL_P_ROLE,		/* an IAM role: matches its sessions too */
	POL_P_SERVICE,
	POL_P_FEDERATED,
	POL_P_CANONICAL,
};

struct pol_principal {
	enum pol_pkind kind;
	char *value;		/* as written */
	char account[13];	/* ACCOUNT, ARN, ROLE */
	char *role_name;	/* ROLE: the name without path */
};

enum pol_pmatch {
	POL_PM_NO,
	POL_PM_ACCOUNT,		/* matched only because of its account */
	POL_PM_YES,
};

int pol_principal_compile(struct pol_principal *e, const char *type,
    const char *value, char **reason);
void pol_principal_release(struct pol_principal *e);
enum pol_pmatch pol_principal_match(const struct pol_principal *e,
    const struct policy_principal *pp, bool exact);
bool pol_principal_is_root(const struct policy_principal *pp);

/* policy-value.c: typed condition values. */
struct pol_ip {
	int family;		/* AF_INET or AF_INET6 */
	unsigned char addr[16];
	unsigned prefix;
};

int pol_parse_number(const char *s, double *out);
int pol_parse_date(const char *s, int64_t *usec);
int pol_parse_ip(const char *s, struct pol_ip *out, bool cidr);
bool pol_ip_in(const struct pol_ip *net, const struct pol_ip *addr);
int pol_parse_bool(const char *s, bool *out);
int pol_base64_decode(const char *s, unsigned char **out, size_t *outlen);

/* policy-cond.c: condition operators. */
enum pol_class {
	POL_C_STRING,
	POL_C_NUMERIC,
	POL_C_DATE,
	POL_C_BOOL,
	POL_C_BINARY,
	POL_C_IP,
	POL_C_ARN,
	POL_C_NULL,
};

enum pol_cmp {
	POL_CMP_EQ,
	POL_CMP_LIKE,
	POL_CMP_LT,
	POL_CMP_LE,
	POL_CMP_GT,
	POL_CMP_GE,
};

struct pol_op {
	const char *name;
	enum pol_class cls;
	enum pol_cmp cmp;
	bool negated;
	bool icase;
	bool variables;		/* values may hold policy variables */
};

enum pol_set {
	POL_SET_NONE,
	POL_SET_ALL,		/* ForAllValues: */
	POL_SET_ANY,		/* ForAnyValue: */
};

struct pol_value {
	struct pol_pattern pat;	/* STRING, ARN, BOOL: the value as a pattern */
	double num;
	int64_t usec;
	struct pol_ip ip;
	unsigned char *bin;
	size_t binlen;
	bool flag;		/* NULL: "true" */
};

struct pol_cond {
	const struct pol_op *op;
	char *op_name;		/* as written: "ForAnyValue:StringLikeIfExists" */
	char *key;
	enum pol_set set;
	bool if_exists;
	struct pol_value *values;
	size_t n;
};

const struct pol_op *pol_op_find(const char *name);
const char *pol_op_suggest(const char *name);
int pol_cond_parse_op(const char *name, const struct pol_op **op,
    enum pol_set *set, bool *if_exists);
int pol_value_compile(struct pol_value *v, const struct pol_op *op,
    const char *src, bool variables, char **reason);
void pol_cond_release(struct pol_cond *c);
bool pol_cond_eval(const struct pol_cond *c, const struct policy_ctx *ctx,
    struct hs_buf *scratch, struct pol_missing *missing);

/* policy-ctx.c: the request context. */
struct pol_ctx_entry {
	char *key;
	char **values;
	size_t n;
	size_t alloc;
};

struct policy_ctx {
	struct pol_ctx_entry *e;	/* sorted by key, ignoring case */
	size_t n;
	size_t alloc;
};

const struct pol_ctx_entry *pol_ctx_find(const struct policy_ctx *ctx,
    const char *key);

/* policy-parse.c: the compiled document. */
struct pol_statement {
	char *sid;
	bool deny;
	bool has_principal;	/* Principal or NotPrincipal */
	bool not_principal;
	struct pol_principal *principals;
	size_t n_principals;
	bool not_action;
	struct pol_pattern *actions;
	size_t n_actions;
	bool has_resource;	/* Resource or NotResource */
	bool not_resource;
	struct pol_pattern *resources;
	size_t n_resources;
	struct pol_cond *conds;
	size_t n_conds;
	struct policy_position start;
	struct policy_position end;
};

struct policy {
	enum policy_type type;
	char *version;		/* "" when absent */
	char *doc_id;		/* the document's Id element, or NULL */
	char *id;		/* SourcePolicyId */
	char *source_type;	/* SourcePolicyType */
	bool variables;		/* Version 2012-10-17: ${...} are variables */
	bool single;		/* Statement was one object, not an array */
	struct pol_statement *st;
	size_t n;
};

/* policy-parse.c */
struct pol_parse {
	const struct pj_doc *doc;
	struct policy *p;
	char *error;		/* the first error, with its position */
};

int pol_fail(struct pol_parse *ps, const char *path, const char *fmt, ...)
    HS_PRINTF(3, 4);
void pol_path(char out[POL_PATH_MAX], const char *fmt, ...) HS_PRINTF(2, 3);
int pol_string_list(struct pol_parse *ps, const cJSON *item, const char *path,
    const char ***vals, size_t *n);
char *pol_scalar_text(struct pol_parse *ps, const cJSON *item,
    const char *path);
int pol_check_members(struct pol_parse *ps, const cJSON *obj,
    const char *path, const char *const *allowed);

/* policy-parse-stmt.c */
int pol_parse_statement(struct pol_parse *ps, const cJSON *obj,
    const char *path, struct pol_statement *st);
void pol_statement_release(struct pol_statement *st);

/* policy-parse-cond.c */
int pol_parse_conditions(struct pol_parse *ps, const cJSON *obj,
    const char *path, struct pol_statement *st);

/* policy-eval.c */
enum pol_applies {
	POL_APPLIES_NO,
	POL_APPLIES_ACCOUNT,	/* applies; the principal matched by account only */
	POL_APPLIES_YES,
};

enum pol_applies pol_statement_applies(const struct policy *p,
    const struct pol_statement *st, const struct policy_request *req,
    struct hs_buf *scratch, struct pol_missing *missing);
bool pol_conditions_hold(const struct pol_statement *st,
    const struct policy_ctx *ctx, struct hs_buf *scratch,
    struct pol_missing *missing);

/* policy-actions.c: IAM action names that are not operation names. */
enum pol_iam_name {
	POL_IAM_UNSETTLED,	/* ask the service model */
	POL_IAM_ONLY,		/* an IAM action with no operation of that name */
	POL_IAM_NOT_ACTION,	/* an operation name that is no IAM action */
};

enum pol_iam_name pol_iam_action_name(const char *service, const char *action,
    const char **use_instead);
bool pol_s3_object_action(const char *action);
bool pol_s3_bucket_action(const char *action);

/* policy-findings.c */
void pol_finding_add(struct policy_findings *f, enum policy_severity sev,
    const char *code, long statement, const char *fix, const char *fmt, ...)
    HS_PRINTF(6, 7);
char *pol_statement_name(const struct policy *p, long i, bool with_sid);

/* policy-lint-s3.c */
void pol_lint_s3_arns(const struct policy *p, size_t i,
    struct policy_findings *out);
void pol_lint_phi(const struct policy *p, const struct policy_lint_opts *opts,
    struct policy_findings *out);

/* policy-lint-names.c */
void pol_lint_actions(const struct policy *p, size_t i,
    const struct policy_lint_opts *opts, struct policy_findings *out);
void pol_lint_arns(const struct policy *p, size_t i,
    struct policy_findings *out);
const char *pol_arn_problem(const char *arn);

#endif
