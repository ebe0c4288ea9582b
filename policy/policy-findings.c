/*
 * policy-findings.c: lint findings — the list, and how they read.
 *
 * `policy check` prints policy_finding_format() for each finding (or
 * policy_findings_to_json() with --output json) and exits non-zero when
 * policy_findings_errors() is not 0.
 */
#include "hs-common.h"
#include "policy-int.h"

/* Append a finding; fix is copied, the message is printf-formatted. */
void
pol_finding_add(struct policy_findings *f, enum policy_severity sev,
    const char *code, long statement, const char *fix, const char *fmt, ...)
{
	struct policy_finding *x;
	va_list ap;

	if (f->n == f->alloc) {
		f->alloc = f->alloc ? f->alloc * 2 : 8;
		f->items = hs_xreallocarray(f->items, f->alloc, sizeof *f->items);
	}
	x = &f->items[f->n++];
	x->severity = sev;
	x->code = code;
	x->statement = statement;
	x->fix = hs_xstrdup(fix);
	va_start(ap, fmt);
	x->message = hs_xvasprintf(fmt, ap);
	va_end(ap);
}

void
policy_findings_clear(struct policy_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->items[i].message);
		free(f->items[i].fix);
	}
	free(f->items);
	f->items = NULL;
	f->n = f->alloc = 0;
}

/* Count the findings that are errors. */
size_t
policy_findings_errors(const struct policy_findings *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		if (f->items[i].severity == POLICY_ERROR)
			n++;
	return n;
}

/* Name statement i by its JSON path, and its Sid: Statement[1] (Sid "X"). */
char *
pol_statement_name(const struct policy *p, long i, bool with_sid)
{
	const char *sid = i >= 0 && with_sid ?
	    policy_statement_sid(p, (size_t)i) : NULL;
	struct hs_buf b = HS_BUF_INIT;

	if (p->single)
		(void)hs_buf_adds(&b, "Statement");
	else
		(void)hs_buf_addf(&b, "Statement[%ld]", i);
	if (sid != NULL)
		(void)hs_buf_addf(&b, " (Sid \"%s\")", sid);
	return hs_buf_detach(&b, NULL);
}

static const char *
severity_name(enum policy_severity s)
{
	return s == POLICY_ERROR ? "error" : "warning";
}

/* One finding as text: "error: Statement[0] (Sid \"X\"): MESSAGE\n  fix: FIX". */
char *
policy_finding_format(const struct policy *p, const struct policy_finding *f)
{
	char *name, *s;

	if (f->statement < 0)
		return hs_xasprintf("%s: %s\n  fix: %s", severity_name(f->severity),
		    f->message, f->fix);
	name = pol_statement_name(p, f->statement, true);
	s = hs_xasprintf("%s: %s: %s\n  fix: %s", severity_name(f->severity),
	    name, f->message, f->fix);
	free(name);
	return s;
}

static cJSON *
finding_to_json(const struct policy *p, const struct policy_finding *f)
{
	cJSON *o = cJSON_CreateObject();
	const char *sid = NULL;
	struct policy_position start = { 0, 0 }, end;

	cJSON_AddStringToObject(o, "Severity", severity_name(f->severity));
	cJSON_AddStringToObject(o, "Code", f->code);
	if (f->statement >= 0) {
		sid = policy_statement_sid(p, (size_t)f->statement);
		policy_statement_span(p, (size_t)f->statement, &start, &end);
		cJSON_AddNumberToObject(o, "Statement", (double)f->statement);
	} else
		cJSON_AddNullToObject(o, "Statement");
	if (sid != NULL)
		cJSON_AddStringToObject(o, "Sid", sid);
	else
		cJSON_AddNullToObject(o, "Sid");
	if (start.line > 0)
		cJSON_AddNumberToObject(o, "Line", start.line);
	cJSON_AddStringToObject(o, "Message", f->message);
	cJSON_AddStringToObject(o, "Fix", f->fix);
	return o;
}

/* The findings as a JSON array. */
cJSON *
policy_findings_to_json(const struct policy *p, const struct policy_findings *f)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < f->n; i++)
		cJSON_AddItemToArray(a, finding_to_json(p, &f->items[i]));
	return a;
}
