/*
 * iam.h: IAM in the sandbox: roles (the iam_roles table that STS
 * AssumeRole reads, so roles made through the API are the ones STS
 * assumes), their inline policies, tags and attached managed policies,
 * customer managed policies and a catalogue of AWS managed policies.
 *
 * Names of roles and policies are unique without regard to case, as in
 * IAM; lookups ignore case and answers give the name as created.
 * Store functions return 0 when done, 1 for "no such entity" (or
 * "already exists" for creations), 2 for a delete conflict, -1 with
 * *cause on failure. Records own their strings (freed by _clear).
 */
#ifndef HS_SANDBOX_IAM_H
#define HS_SANDBOX_IAM_H

#include "api.h"

#define IAM_XMLNS "https://iam.amazonaws.com/doc/2010-05-08/"
#define IAM_MAX_TAGS 50

/* A role as IAM answers it. */
struct sbx_iam_role {
	struct sbx_role r;	/* name, path, arn, role_id, trust_policy,
				   max_session, created_ms */
	char *description;	/* or NULL */
	cJSON *tags;		/* {key: value} in the order added, or NULL */
};

/* A customer managed policy, or an AWS managed one from the catalogue. */
struct sbx_iam_policy {
	char *arn;
	char *name;
	char *path;
	char *policy_id;	/* "ANPA..." */
	char *description;	/* or NULL */
	char *default_version;	/* "v1" */
	char *document;		/* of the default version */
	int64_t created_ms;
	int64_t updated_ms;
	bool aws_managed;
};

void sbx_iam_role_clear(struct sbx_iam_role *r);
void sbx_iam_policy_clear(struct sbx_iam_policy *p);

/* store-iam.c */
/* 0 created, 1 a role of that name exists. */
int sbx_iam_role_create(struct sbx_store *st, const struct sbx_iam_role *r,
    char **cause);
/* 0 found (out filled, tags included), 1 none. */
int sbx_iam_role_load(struct sbx_store *st, const char *name,
    struct sbx_iam_role *out, char **cause);
/* Roles whose path starts with prefix (NULL: all), by name. */
int sbx_iam_role_list(struct sbx_store *st, const char *prefix,
    struct sbx_iam_role **out, size_t *n, char **cause);
/* Set trust_policy, description or max_session of a role; 1 if none. */
int sbx_iam_role_set(struct sbx_store *st, const char *name,
    const char *column, const char *value, char **cause);
/* 0 deleted, 1 none, 2 it has inline policies, 3 attached policies. */
int sbx_iam_role_delete(struct sbx_store *st, const char *name,
    char **cause);
/* Add or replace tags (map); remove keys (array of strings). */
int sbx_iam_role_tag(struct sbx_store *st, const char *role,
    const cJSON *add, const cJSON *remove, char **cause);

/* Inline policies. */
int sbx_iam_role_policy_put(struct sbx_store *st, const char *role,
    const char *name, const char *doc, char **cause);
/* 0 found (*doc and *real_name allocated), 1 none. */
int sbx_iam_role_policy_get(struct sbx_store *st, const char *role,
    const char *name, char **doc, char **real_name, char **cause);
int sbx_iam_role_policy_names(struct sbx_store *st, const char *role,
    char ***names, size_t *n, char **cause);
/* 0 deleted, 1 none. */
int sbx_iam_role_policy_delete(struct sbx_store *st, const char *role,
    const char *name, char **cause);

/* Customer managed policies. */
/* 0 created, 1 a policy of that name exists (in any path). */
int sbx_iam_policy_create(struct sbx_store *st,
    const struct sbx_iam_policy *p, char **cause);
/* A customer policy or an AWS managed one: 0 found, 1 none. */
int sbx_iam_policy_load(struct sbx_store *st, const char *arn,
    struct sbx_iam_policy *out, char **cause);
/* 0 deleted, 1 none, 2 still attached. */
int sbx_iam_policy_delete(struct sbx_store *st, const char *arn,
    char **cause);
/* How many roles have arn attached (-1 on failure). */
int sbx_iam_policy_attachments(struct sbx_store *st, const char *arn,
    char **cause);

/* Attachments. */
int sbx_iam_attach(struct sbx_store *st, const char *role, const char *arn,
    char **cause);
/* 0 detached, 1 was not attached. */
int sbx_iam_detach(struct sbx_store *st, const char *role, const char *arn,
    char **cause);
/* The ARNs attached to a role, in the order attached. */
int sbx_iam_attached(struct sbx_store *st, const char *role, char ***arns,
    size_t *n, char **cause);
/* Every identity policy document of a role: its inline policies, then
 * the default versions of its attached managed policies. */
int sbx_iam_role_documents(struct sbx_store *st, const char *role,
    char ***docs, size_t *n, char **cause);

/* iam-managed.c */
/* The AWS managed policy with this ARN (from the catalogue): 0 and out
 * filled, 1 none. */
int sbx_iam_managed_load(const char *arn, struct sbx_iam_policy *out);

/* iam-util.c */
/* Append a policy document URL-encoded as IAM answers it (botocore
 * decodes it back into JSON). The caller frees. */
char *sbx_iam_encode_doc(const char *doc);
/* Check a document with the policy engine; MalformedPolicyDocument. */
int sbx_iam_check_doc(struct sbx_call *c, const char *doc, bool trust);
/* Check a path: /, or /a/b/ (1 to 512 characters). */
int sbx_iam_check_path(struct sbx_call *c, const char *path);
/* Check a role or policy name ([\w+=,.@-]+, up to max); ValidationError. */
int sbx_iam_check_name(struct sbx_call *c, const char *name,
    const char *member, size_t max);
/* Check a list of tags (at most 50, unique keys); InvalidInput. */
int sbx_iam_check_tags(struct sbx_call *c, const cJSON *tags);
/* The NoSuchEntity of a role. */
int sbx_iam_no_role(struct sbx_call *c, const char *name);
/* The members a Role structure has in each answer. */
enum sbx_iam_role_form {
	IAM_ROLE_CREATED,	/* CreateRole: no MaxSessionDuration */
	IAM_ROLE_LISTED,	/* ListRoles: no Tags, no RoleLastUsed */
	IAM_ROLE_FULL,		/* GetRole: everything */
};
/* A role as IAM's Role structure. */
cJSON *sbx_iam_role_json(const struct sbx_iam_role *r,
    enum sbx_iam_role_form form);
/* A managed policy as IAM's Policy structure. */
cJSON *sbx_iam_policy_json(const struct sbx_iam_policy *p, int attachments);
/* Require the caller's permission for an IAM action on an ARN. */
int sbx_iam_authorize(struct sbx_call *c, const char *action,
    const char *arn);

/* svc-iam-role.c */
/* A fresh unique ID: prefix ("AROA", "ANPA") and 17 characters. */
char *sbx_iam_new_id(const char *prefix);

/* svc-iam-*.c: the handlers. */
int sbx_iam_create_role(struct sbx_call *c);
int sbx_iam_get_role(struct sbx_call *c);
int sbx_iam_list_roles(struct sbx_call *c);
int sbx_iam_update_assume_role_policy(struct sbx_call *c);
int sbx_iam_update_role(struct sbx_call *c);
int sbx_iam_delete_role(struct sbx_call *c);
int sbx_iam_put_role_policy(struct sbx_call *c);
int sbx_iam_get_role_policy(struct sbx_call *c);
int sbx_iam_list_role_policies(struct sbx_call *c);
int sbx_iam_delete_role_policy(struct sbx_call *c);
int sbx_iam_create_policy(struct sbx_call *c);
int sbx_iam_get_policy(struct sbx_call *c);
int sbx_iam_get_policy_version(struct sbx_call *c);
int sbx_iam_delete_policy(struct sbx_call *c);
int sbx_iam_attach_role_policy(struct sbx_call *c);
int sbx_iam_detach_role_policy(struct sbx_call *c);
int sbx_iam_list_attached_role_policies(struct sbx_call *c);
int sbx_iam_tag_role(struct sbx_call *c);
int sbx_iam_untag_role(struct sbx_call *c);
int sbx_iam_list_role_tags(struct sbx_call *c);

#endif
