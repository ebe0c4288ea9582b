// index.js: the blog walkthrough's Lambda function (scripts/blog-walkthrough.hsh).
//
// S3 invokes it when an encrypted PHI object lands under data/ with the
// suffix .phi. It logs where the object is and how big it is - never the
// object's content: CloudWatch Logs is not a place for PHI.
exports.handler = async (event) => {
  const keys = [];
  for (const r of event.Records || []) {
    const key = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
    console.log(`New PHI object: s3://${r.s3.bucket.name}/${key} ` +
      `(${r.s3.object.size} bytes, ${r.eventName})`);
    keys.push(key);
  }
  return { processed: keys };
};
