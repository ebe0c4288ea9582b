/*
 * policy.h: the IAM policy language — parse, evaluate, lint.
 *
 * One engine serves the sandbox (bucket, trust and Lambda function
 * policies enforced on every request), the guardrails (policies judged
 * before they are sent) and operators asking questions offline
 * (`policy check`, `policy simulate`). It depends on cJSON and the C
 * library only, never prints and never exits.
 *
 * Ownership: every pointer argument is borrowed for the duration of the
 * call; what a function returns as `char *` or `cJSON *` belongs to the
 * caller; results and findings are cleared with their _clear function.
 * Errors come back through `char **cause` (the caller frees it).
 *
 * Threads: a parsed `struct policy` is immutable. Any number of threads
 * may evaluate the same policies at once; nothing in this library keeps
 * global state. A `struct policy_ctx` is built by one thread, then only
 * read by evaluations.
 *
 * Indexes: statement indexes and JSON paths count from 0, as in
 * `Statement[1].Effect` (the second statement). A document whose
 * Statement is a single object has paths `Statement.Effect` and index 0.
 *
 * What is not modelled: service control policies, resource control
 * policies, permissions boundaries, session policies and ACLs. Callers
 * that need them must not pretend they were evaluated.
 */
#ifndef HS_POLICY_H
#define HS_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <cjson/cJSON.h>

/* Where a policy is attached; decides which elements are required. */
enum policy_type {
	POLICY_IDENTITY,	/* user, group or role permissions: no Principal */
	POLICY_RESOURCE,	/* bucket, Lambda function, queue...: Principal and Resource */
	POLICY_TRUST,		/* role trust policy: Principal, no Resource; must allow */
};

struct policy;		/* a parsed, immutable policy document */

/* Options for policy_parse(); a NULL pointer means all defaults. */
struct policy_parse_opts {
	enum policy_type type;
	/* SourcePolicyId in simulation results; NULL: "" */
	const char *id;
	/*
	 * SourcePolicyType in simulation results (IAM's PolicySourceType:
	 * user, group, role, aws-managed, user-managed, resource, none);
	 * NULL: "none" for identity policies, "resource" otherwise.
	 */
	const char *source_type;
};

/*
 * Parse a policy document as AWS accepts it. On error return NULL and set
 * *cause to AWS's MalformedPolicyDocument reason, prefixed by the JSON
 * path of the offending element and its line and column:
 *   line 7, column 17: Statement[1].Effect: must be "Allow" or "Deny"
 *   line 3, column 5: invalid JSON: expected ',' or '}' after an object member
 */
struct policy *policy_parse(const char *json, size_t len,
    const struct policy_parse_opts *opts, char **cause);
/*
 * Guess where a document is meant to be attached, for `policy check` on a
 * file: a statement with Principal (or NotPrincipal) and without
 * Resource is a role trust policy, with Resource a resource policy;
 * otherwise (also for text that does not parse) an identity policy.
 */
enum policy_type policy_guess_type(const char *json, size_t len);
void policy_free(struct policy *p);

enum policy_type policy_get_type(const struct policy *p);
const char *policy_get_id(const struct policy *p);
const char *policy_get_source_type(const struct policy *p);
/* "2012-10-17", "2008-10-17", or "" when the document has no Version. */
const char *policy_get_version(const struct policy *p);
size_t policy_statement_count(const struct policy *p);
/* The statement's Sid, or NULL when it has none. */
const char *policy_statement_sid(const struct policy *p, size_t i);
bool policy_statement_is_deny(const struct policy *p, size_t i);

/* A 1-based line and column in the policy document. */
struct policy_position {
	unsigned line;
	unsigned column;
};
/* Where statement i begins ('{') and ends (just after '}'). */
void policy_statement_span(const struct policy *p, size_t i,
    struct policy_position *start, struct policy_position *end);

/*
 * Match s against pattern with the policy language's wildcards: '*' any
 * run of characters, '?' exactly one. ignore_case folds ASCII letters
 * (actions are case-insensitive, resources are not).
 */
bool policy_wildcard_match(const char *pattern, const char *s,
    bool ignore_case);

/* ------------------------------------------------------------------ */
/* The request context. */

/* Who makes the request. */
enum policy_principal_type {
	POLICY_PRINCIPAL_ANONYMOUS,	/* unsigned request: only "*" matches */
	POLICY_PRINCIPAL_AWS,		/* IAM user, role session, root, federated user */
	POLICY_PRINCIPAL_SERVICE,	/* an AWS service, e.g. "s3.amazonaws.com" */
	POLICY_PRINCIPAL_FEDERATED,	/* a web identity or SAML provider */
	POLICY_PRINCIPAL_CANONICAL_USER,/* an S3 canonical user ID */
};

struct policy_principal {
	enum policy_principal_type type;
	/*
	 * AWS: the ARN (arn:aws:iam::111122223333:user/alice,
	 * arn:aws:sts::111122223333:assumed-role/Role/session,
	 * arn:aws:iam::111122223333:root), or NULL for an unnamed principal
	 * of `account`; SERVICE: the service principal name; FEDERATED: the
	 * provider; CANONICAL_USER: the ID. Borrowed.
	 */
	const char *id;
	/* AWS: the 12-digit account ("" when unknown). */
	char account[13];
};

/*
 * Describe a principal from a command-line style spec: an IAM or STS ARN
 * (the root user is arn:aws:iam::ACCOUNT:root), a 12-digit account ID (an
 * unnamed principal of that account: "*" and the account match it), a
 * service principal name ("s3.amazonaws.com"), "federated:PROVIDER",
 * "canonical:ID", or "anonymous" / "*". spec is borrowed by *out.
 */
int policy_principal_init(struct policy_principal *out, const char *spec,
    char **cause);

/*
 * Condition keys and their values. Keys are case-insensitive; a key added
 * twice is multi-valued; a key may be present with no values (an empty
 * list: Null and ForAllValues treat it as absent). Values are strings as
 * in IAM's simulator: numbers in decimal, dates in ISO 8601 or epoch
 * seconds, booleans "true"/"false", binary values base64-encoded.
 */
struct policy_ctx;

struct policy_ctx *policy_ctx_new(void);
void policy_ctx_free(struct policy_ctx *ctx);
void policy_ctx_add(struct policy_ctx *ctx, const char *key,
    const char *value);
/* Make key present with no values. */
void policy_ctx_add_empty(struct policy_ctx *ctx, const char *key);
/* Add "KEY=VALUE" (as given to `policy simulate --context`). */
int policy_ctx_add_assignment(struct policy_ctx *ctx, const char *kv,
    char **cause);
/* Tell whether key is present (with or without values). */
bool policy_ctx_has(const struct policy_ctx *ctx, const char *key);
/*
 * Add the keys AWS derives from the principal, unless already present:
 * aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
 * aws:PrincipalIsAWSService, aws:PrincipalServiceName (services) and
 * aws:username (IAM users). An assumed-role session's aws:PrincipalArn is
 * the role's ARN (without its path: the session ARN does not carry it).
 */
void policy_ctx_add_principal(struct policy_ctx *ctx,
    const struct policy_principal *pp);
/* Add aws:CurrentTime and aws:EpochTime for now, unless present. */
void policy_ctx_add_time(struct policy_ctx *ctx, time_t now);

/* ------------------------------------------------------------------ */
/* Evaluation. */

enum policy_decision {
	POLICY_IMPLICIT_DENY,
	POLICY_ALLOW,
	POLICY_EXPLICIT_DENY,
};

/* IAM's EvalDecision names: "implicitDeny", "allowed", "explicitDeny". */
const char *policy_decision_name(enum policy_decision d);

/* The policies that apply to one request. */
struct policy_set {
	/* the principal's identity policies (borrowed, none NULL) */
	const struct policy *const *identity;
	size_t n_identity;
	/*
	 * The resource's policy (a bucket, function or queue policy, or the
	 * role's trust policy for sts:AssumeRole), or NULL.
	 */
	const struct policy *resource;
	/*
	 * The resource policy must allow, even in the same account (KMS key
	 * policies). Implied when resource is a POLICY_TRUST policy.
	 */
	bool resource_must_allow;
};

struct policy_request {
	const char *action;		/* "s3:PutObject" (required) */
	/* the resource ARN; NULL means "*" (no resource-level permission) */
	const char *resource;
	/* the account owning the resource; NULL or "": the principal's */
	const char *resource_account;
	/* NULL: anonymous */
	const struct policy_principal *principal;
	/* condition keys; NULL: none */
	const struct policy_ctx *ctx;
};

/* A statement that took part in a decision. */
struct policy_statement_ref {
	const struct policy *policy;	/* borrowed from the policy_set */
	size_t index;
};

struct policy_result {
	enum policy_decision decision;
	/* what the identity policies alone, and the resource policy alone, said */
	enum policy_decision identity_decision;
	enum policy_decision resource_decision;
	bool cross_account;
	/* one line saying why (static text) */
	const char *reason;
	/*
	 * IAM's MatchedStatements: for an explicit deny the deny statements
	 * only; for an allow the allow statements that count; none for an
	 * implicit deny.
	 */
	struct policy_statement_ref *matched;
	size_t n_matched;
	/*
	 * IAM's MissingContextValues: condition keys (and policy variables)
	 * that statements matching the action, resource and principal use,
	 * but the request context lacks. Sorted, unique.
	 */
	char **missing;
	size_t n_missing;
};
#define POLICY_RESULT_INIT { POLICY_IMPLICIT_DENY, POLICY_IMPLICIT_DENY, \
	POLICY_IMPLICIT_DENY, false, "", NULL, 0, NULL, 0 }

/*
 * Decide a request as AWS documents it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit deny in any policy wins; in the same account an allow from
 * the identity policies or from the resource policy (naming the principal,
 * not just its account) suffices; across accounts both must allow; an AWS
 * service or anonymous caller is judged by the resource policy alone; the
 * root user of the resource's account is allowed unless denied.
 * With out == NULL nothing is allocated and the first deny ends the work
 * (the sandbox's path); with out, the deciding statements and missing
 * keys are filled in (clear it with policy_result_clear()).
 */
enum policy_decision policy_evaluate(const struct policy_set *set,
    const struct policy_request *req, struct policy_result *out);
void policy_result_clear(struct policy_result *r);

/* ------------------------------------------------------------------ */
/* Simulation: what `policy simulate` runs. */

struct policy_sim {
	const struct policy *const *identity;	/* --policy (may be none) */
	size_t n_identity;
	const struct policy *resource;		/* --resource-policy or NULL */
	const char *action;			/* --action */
	const char *resource_arn;		/* --resource; NULL: "*" */
	/* the resource's account; NULL: from resource_arn, else the principal's */
	const char *resource_owner;
	/*
	 * --principal (see policy_principal_init()); NULL: an unnamed
	 * principal of the resource's account (or 123456789012)
	 */
	const char *principal;
	const char *const *context;		/* --context KEY=VALUE ... */
	size_t n_context;
	time_t now;				/* for aws:CurrentTime */
};

/*
 * Build the principal and request context from sim (the principal's keys
 * and the time are added unless --context gave them) and evaluate.
 * Returns -1 with *cause on a bad principal or context entry.
 */
int policy_simulate(const struct policy_sim *sim, struct policy_result *out,
    char **cause);

/*
 * The result as one of IAM's EvaluationResults: EvalActionName,
 * EvalResourceName, EvalDecision, MatchedStatements (SourcePolicyId,
 * SourcePolicyType, StartPosition, EndPosition), MissingContextValues.
 */
cJSON *policy_result_to_json(const struct policy_sim *sim,
    const struct policy_result *r);
/*
 * The result as text: the decision, then one line per deciding statement
 * ("  explicitDeny by DenyUnEncryptedObjectUploads (bucket.json, statement 1, line 18)"),
 * the reason, and the missing context keys.
 */
char *policy_result_format(const struct policy_sim *sim,
    const struct policy_result *r);

/* ------------------------------------------------------------------ */
/* Lint. */

enum policy_severity {
	POLICY_WARNING,
	POLICY_ERROR,
};

struct policy_finding {
	enum policy_severity severity;
	/*
	 * A stable name: public-allow, wildcard-action, wildcard-resource,
	 * allow-not-action, allow-not-resource, lambda-s3-no-source,
	 * object-action-on-bucket-arn, bucket-action-on-object-arn,
	 * phi-unencrypted-upload, insecure-transport, unknown-action,
	 * malformed-arn (policy-lint*.c say when each is raised).
	 */
	const char *code;
	/* the statement index, or -1 for the whole document */
	long statement;
	char *message;		/* one line: what is wrong */
	char *fix;		/* one line: how to fix it */
};

struct policy_findings {
	struct policy_finding *items;
	size_t n;
	size_t alloc;
};
#define POLICY_FINDINGS_INIT { NULL, 0, 0 }

/* What a service model says about an IAM action. */
enum policy_action_status {
	POLICY_ACTION_KNOWN,		/* the service defines it */
	POLICY_ACTION_UNKNOWN,		/* the service is known; the action is not */
	POLICY_ACTION_NO_SERVICE,	/* no installed model has this IAM prefix */
	POLICY_ACTION_CANNOT_TELL,	/* no models installed: skip the check */
};

/*
 * Answer whether the service whose IAM prefix is `service` ("s3",
 * "lambda", "logs") defines `action` ("PutObject"). action may hold the
 * wildcards '*' and '?': answer KNOWN when any operation matches it
 * (policy_wildcard_match() with ignore_case). The shell answers from the
 * installed botocore models: find the model whose service name, or else
 * metadata.signingName, or else metadata.endpointPrefix, equals the
 * prefix (case-insensitively), and compare the action with its operation
 * names case-insensitively.
 *
 * IAM action names are not always operation names. The library settles
 * the well-known differences before asking: IAM-only actions
 * (s3:ListBucket for ListObjects, s3:ListAllMyBuckets for ListBuckets,
 * s3:PutBucketNotification for PutBucketNotificationConfiguration,
 * s3:GetEncryptionConfiguration, s3:GetObjectVersion, lambda:InvokeFunction
 * for Invoke, iam:PassRole, ...) are known without a callback, and S3
 * operation names that are no IAM action (s3:ListObjectsV2, s3:HeadObject,
 * s3:CreateMultipartUpload, ...) are reported with the action to use. The
 * callback therefore sees only names that the library cannot settle;
 * it must answer for the operation name, nothing more.
 */
typedef enum policy_action_status (*policy_action_check_fn)(void *arg,
    const char *service, const char *action);

struct policy_lint_opts {
	/* buckets marked as holding PHI (--phi-bucket NAME ...) */
	const char *const *phi_buckets;
	size_t n_phi_buckets;
	/* NULL skips the "actions that no service defines" check */
	policy_action_check_fn check_action;
	void *check_action_arg;
};

/*
 * Lint a parsed policy; findings are appended to out, statement by
 * statement, then those about the whole document (statement -1:
 * phi-unencrypted-upload for each PHI bucket and insecure-transport, both
 * for bucket policies only). opts may be NULL. Returns the number of
 * errors found.
 */
size_t policy_lint(const struct policy *p, const struct policy_lint_opts *opts,
    struct policy_findings *out);
void policy_findings_clear(struct policy_findings *f);
size_t policy_findings_errors(const struct policy_findings *f);
/*
 * One finding as text: "error: Statement[0] (Sid \"X\"): MESSAGE\n  fix: FIX"
 * (no trailing newline); the statement part is omitted for -1.
 */
char *policy_finding_format(const struct policy *p,
    const struct policy_finding *f);
/* The findings as a JSON array of {Severity, Code, Statement, Sid, Message, Fix}. */
cJSON *policy_findings_to_json(const struct policy *p,
    const struct policy_findings *f);

#endif
