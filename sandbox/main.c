/*
 * main.c: the hipaa-sandbox program: options, start, "listening on URL",
 * then wait for SIGTERM or SIGINT and stop cleanly (the store closed, a
 * temporary data folder removed).
 */
#include "hs-common.h"
#include "sandbox.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <sys/resource.h>

static const char usage[] =
	"usage: hipaa-sandbox [--host ADDR] [--port N] [--data DIR]\n"
	"                     [--account-id ID] [--credentials FILE] [--tls]\n"
	"                     [--log FILE] [--threads N]\n"
	"\n"
	"A local AWS-compatible endpoint (S3, STS, IAM, Lambda, ECR and\n"
	"CloudWatch Logs) that enforces bucket policies. Defaults: 127.0.0.1,\n"
	"port 4566, a temporary data folder removed at exit, account\n"
	"000000000000, credentials test/test. See hipaa-sandbox(1).\n";

/* Print a warning from the library. */
static void
main_warn(void *arg, const char *msg)
{
	fprintf(stderr, "hipaa-sandbox: warning: %s\n", msg);
}

/* Parse a port or thread count; -1 when it is not one. */
static long
main_number(const char *s, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || n < 0 || n > max)
		return -1;
	return n;
}

/* Read the options into cfg; 0, 1 for --help, -1 on an error. */
static int
main_options(int argc, char **argv, struct sandbox_config *cfg)
{
	static const struct option opts[] = {
		{ "account-id", required_argument, NULL, 'a' },
		{ "credentials", required_argument, NULL, 'c' },
		{ "data", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "host", required_argument, NULL, 'H' },
		{ "log", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "threads", required_argument, NULL, 'j' },
		{ "tls", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	long n;
	int ch;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'a': cfg->account_id = optarg; break;
		case 'c': cfg->credentials_file = optarg; break;
		case 'd': cfg->data_dir = optarg; break;
		case 'H': cfg->host = optarg; break;
		case 'l': cfg->log_file = optarg; break;
		case 't': cfg->tls = true; break;
		case 'h': return 1;
		case 'p':
		case 'j':
			n = main_number(optarg, ch == 'p' ? 65535 : 256);
			if (n < 0 || (ch == 'j' && n == 0)) {
				fprintf(stderr, "hipaa-sandbox: invalid --%s "
				    "'%s'\n", ch == 'p' ? "port" : "threads",
				    optarg);
				return -1;
			}
			if (ch == 'p')
				cfg->port = (int)n;
			else
				cfg->threads = (unsigned)n;
			break;
		default:
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "hipaa-sandbox: unexpected argument '%s'\n",
		    argv[optind]);
		return -1;
	}
	return 0;
}

/* Allow as many open files as the hard limit lets a server have: the
 * sandbox sizes its connection limit by them (many parallel clients). */
static void
main_raise_nofile(void)
{
	struct rlimit rl;
	rlim_t want;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > 65536 ? 65536 :
	    rl.rlim_max;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rl.rlim_cur = want;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* Start, say where, wait for SIGTERM or SIGINT, stop. */
int
main(int argc, char **argv)
{
	struct sandbox_config cfg = SANDBOX_CONFIG_INIT;
	struct sandbox *sb = NULL;
	char *cause = NULL;
	sigset_t set;
	int r, sig = 0;

	r = main_options(argc, argv, &cfg);
	if (r != 0) {
		fputs(usage, r > 0 ? stdout : stderr);
		return r > 0 ? 0 : 2;
	}
	cfg.warn = main_warn;
	main_raise_nofile();
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (sandbox_start(&cfg, &sb, &cause) != 0) {
		fprintf(stderr, "hipaa-sandbox: %s\n", cause);
		free(cause);
		return 1;
	}
	printf("listening on %s\n", sandbox_url(sb));
	fflush(stdout);
	sigwait(&set, &sig);
	sandbox_stop(sb);
	return 0;
}
