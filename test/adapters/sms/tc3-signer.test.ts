import { expect } from 'chai';
import { Tc3Signer } from '../../../adapters/sms/tc3-signer.js';

/**
 * The worked example of Tencent Cloud's "Signature v3" (签名方法 v3) documentation: CVM
 * DescribeInstances in ap-guangzhou at X-TC-Timestamp 1551113065, SecretKey
 * `Gu5t9xGARNpq86cd98joQYCN3EXAMPLE`. Every expected value below is the one the document prints.
 */
const DOC = {
  secretId: 'AKID**********************0123456789EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  timestamp: 1551113065,
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  hashedPayload: '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
  hashedCanonicalRequest: '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
  signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
};

describe('Tc3Signer', () => {
  const signer = new Tc3Signer({ secretId: DOC.secretId, secretKey: DOC.secretKey });
  const docRequest = {
    service: 'cvm',
    timestamp: DOC.timestamp,
    headers: { 'Content-Type': 'application/json; charset=utf-8', Host: 'cvm.tencentcloudapi.com' },
    payload: DOC.payload,
  };

  it('builds the documented canonical request', () => {
    expect(signer.sign(docRequest).canonicalRequest).to.equal(
      [
        'POST',
        '/',
        '',
        'content-type:application/json; charset=utf-8',
        'host:cvm.tencentcloudapi.com',
        '',
        'content-type;host',
        DOC.hashedPayload,
      ].join('\n'),
    );
  });

  it('builds the documented string to sign, dated in UTC (2019-02-26 00:44 in Beijing is 2019-02-25)', () => {
    expect(signer.sign(docRequest).stringToSign).to.equal(
      `TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${DOC.hashedCanonicalRequest}`,
    );
  });

  it('gives the documented signature and Authorization header', () => {
    const signed = signer.sign(docRequest);
    expect(signed.signature).to.equal(DOC.signature);
    expect(signed.authorization).to.equal(
      `TC3-HMAC-SHA256 Credential=${DOC.secretId}/2019-02-25/cvm/tc3_request, ` +
        `SignedHeaders=content-type;host, Signature=${DOC.signature}`,
    );
  });

  it('normalises header names and values (trimmed, lower case) and sorts them', () => {
    const shuffled = signer.sign({
      ...docRequest,
      headers: { '  HOST ': ' CVM.tencentcloudapi.com ', 'content-TYPE': 'Application/JSON; charset=UTF-8' },
    });
    expect(shuffled.signature).to.equal(DOC.signature);
  });

  it('signs extra headers such as x-tc-action in order', () => {
    const signed = signer.sign({ ...docRequest, headers: { ...docRequest.headers, 'X-TC-Action': 'DescribeInstances' } });
    expect(signed.canonicalRequest.split('\n').slice(3, 7)).to.deep.equal([
      'content-type:application/json; charset=utf-8',
      'host:cvm.tencentcloudapi.com',
      'x-tc-action:describeinstances',
      '',
    ]);
    expect(signed.authorization).to.include('SignedHeaders=content-type;host;x-tc-action,');
    expect(signed.signature).not.to.equal(DOC.signature);
  });

  it('depends on every input: key, payload, time and service', () => {
    const other = (changed: Tc3Signer, request = docRequest) => changed.sign(request).signature;
    expect(other(new Tc3Signer({ secretId: DOC.secretId, secretKey: `${DOC.secretKey}x` }))).not.to.equal(DOC.signature);
    expect(other(signer, { ...docRequest, payload: `${DOC.payload} ` })).not.to.equal(DOC.signature);
    expect(other(signer, { ...docRequest, timestamp: DOC.timestamp + 1 })).not.to.equal(DOC.signature);
    expect(other(signer, { ...docRequest, service: 'sms' })).not.to.equal(DOC.signature);
  });

  it('puts a GET query string in the canonical request', () => {
    const signed = signer.sign({ ...docRequest, method: 'GET', query: 'Limit=10&Offset=0', payload: '' });
    expect(signed.canonicalRequest.split('\n').slice(0, 3)).to.deep.equal(['GET', '/', 'Limit=10&Offset=0']);
  });

  it('refuses to sign without content-type and host', () => {
    expect(() => signer.sign({ ...docRequest, headers: { Host: 'cvm.tencentcloudapi.com' } })).to.throw(/content-type and host/);
  });

  it('keeps the SecretKey out of sight', () => {
    expect(JSON.stringify(signer)).not.to.include(DOC.secretKey);
    expect(JSON.stringify(signer.sign(docRequest))).not.to.include(DOC.secretKey);
  });
});
