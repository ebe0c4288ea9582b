/*
 * tls.c: the certificate of --tls. A self-signed certificate for
 * localhost, *.localhost and 127.0.0.1 is made with OpenSSL the first
 * time and kept in DATA/tls/ (the key mode 0600), so clients can trust it
 * once with --ca-bundle DATA/tls/cert.pem.
 */
#include "hs-common.h"
#include "sbx.h"

#include <sys/stat.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* Add an extension to a certificate. */
static int
tls_add_ext(X509 *cert, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *ext;
	int rc;

	X509V3_set_ctx(&ctx, cert, cert, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (ext == NULL)
		return -1;
	rc = X509_add_ext(cert, ext, -1) == 1 ? 0 : -1;
	X509_EXTENSION_free(ext);
	return rc;
}

/* Make a self-signed certificate for key. */
static X509 *
tls_make_cert(EVP_PKEY *key)
{
	X509 *cert = X509_new();
	X509_NAME *name;

	if (cert == NULL)
		return NULL;
	X509_set_version(cert, 2);
	ASN1_INTEGER_set_int64(X509_get_serialNumber(cert),
	    (int64_t)time(NULL));
	X509_gmtime_adj(X509_getm_notBefore(cert), -86400);
	X509_gmtime_adj(X509_getm_notAfter(cert), 825L * 86400);
	X509_set_pubkey(cert, key);
	name = X509_get_subject_name(cert);
	X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
	    (const unsigned char *)"hipaa-sandbox", -1, -1, 0);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)"localhost", -1, -1, 0);
	X509_set_issuer_name(cert, name);
	if (tls_add_ext(cert, NID_subject_alt_name,
	    "DNS:localhost,DNS:*.localhost,IP:127.0.0.1,IP:::1") != 0 ||
	    tls_add_ext(cert, NID_basic_constraints, "critical,CA:TRUE") != 0 ||
	    X509_sign(cert, key, EVP_sha256()) == 0) {
		X509_free(cert);
		return NULL;
	}
	return cert;
}

/* Write a PEM object made by fn into a string. */
static char *
tls_pem(int (*fn)(BIO *, const void *), const void *obj)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data, *out = NULL;
	long len;

	if (bio != NULL && fn(bio, obj) == 1) {
		len = BIO_get_mem_data(bio, &data);
		out = hs_xstrndup(data, (size_t)len);
	}
	BIO_free(bio);
	return out;
}

/* Write a private key as PEM. */
static int
pem_key(BIO *b, const void *k)
{
	return PEM_write_bio_PrivateKey(b, (EVP_PKEY *)k, NULL, NULL, 0, NULL,
	    NULL);
}

/* Write a certificate as PEM. */
static int
pem_cert(BIO *b, const void *c)
{
	return PEM_write_bio_X509(b, (X509 *)c);
}

/* Create DATA/tls/{key,cert}.pem. */
static int
tls_create(const char *dir, const char *key_path, const char *cert_path,
    char **cause)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	X509 *cert = key ? tls_make_cert(key) : NULL;
	char *kpem = NULL, *cpem = NULL;
	int rc = -1;

	if (cert == NULL || (kpem = tls_pem(pem_key, key)) == NULL ||
	    (cpem = tls_pem(pem_cert, cert)) == NULL) {
		*cause = hs_xstrdup("cannot make a self-signed certificate");
		goto cleanup;
	}
	if (sbx_mkdirs(dir, 0700, cause) != 0 ||
	    sbx_write_file_atomic(key_path, kpem, strlen(kpem), 0600,
	    cause) != 0 ||
	    sbx_write_file_atomic(cert_path, cpem, strlen(cpem), 0644,
	    cause) != 0)
		goto cleanup;
	rc = 0;
cleanup:
	hs_free_secret(kpem);
	free(cpem);
	X509_free(cert);
	EVP_PKEY_free(key);
	return rc;
}

/* Load DATA/tls/{cert,key}.pem, creating a self-signed pair if missing. */
int
sbx_tls_load(struct sandbox *sb, char **cause)
{
	char *dir = hs_xasprintf("%s/tls", sb->data_dir);
	char *key_path = hs_xasprintf("%s/key.pem", dir);
	char *cert_path = hs_xasprintf("%s/cert.pem", dir);
	struct stat st;
	int rc = -1;

	if (stat(key_path, &st) != 0 &&
	    tls_create(dir, key_path, cert_path, cause) != 0)
		goto cleanup;
	sb->tls_key_pem = sbx_read_file(key_path, NULL, 1 << 16, cause);
	if (sb->tls_key_pem == NULL)
		goto cleanup;
	sb->tls_cert_pem = sbx_read_file(cert_path, NULL, 1 << 16, cause);
	if (sb->tls_cert_pem == NULL)
		goto cleanup;
	rc = 0;
cleanup:
	free(dir);
	free(key_path);
	free(cert_path);
	return rc;
}
