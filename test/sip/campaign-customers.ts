// Test kit for test/sip/campaigns.test.ts (issue 14): one sipp UAS plays a whole campaign's
// customers, each call's behaviour chosen by the digit after +12125 in the dialled number — a
// person who answers (streams a short hello, then hangs up after a pause unless the dialer hangs up
// first, e.g. after the abandon message), a busy line (486), a line that rings until our CANCEL,
// and an unknown number (404).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SIPP_OK_TO_REQUEST, sippResponse } from './audio-scenario.ts'

export const CUSTOMER_KINDS = ['person', 'busy', 'noAnswer', 'notFound'] as const
export type CustomerKind = (typeof CUSTOMER_KINDS)[number]

/** A customer's number: +1 212 5K N NNNN, K the kind's digit, NNNNN the contact's index. */
export function customerNumber(kind: CustomerKind, index: number): string {
  return `+12125${CUSTOMER_KINDS.indexOf(kind)}${String(index).padStart(5, '0')}`
}

export function kindOfNumber(number: string): CustomerKind {
  return CUSTOMER_KINDS[Number(number.charAt(6))]!
}

const SDP = `Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000
      a=ptime:20`

/**
 * Writes the customers' scenario into `dir`; `helloMuLaw` is the raw µ-law file a person says,
 * `hangupAfterMs` how long after answering a person hangs up if the dialer has not.
 */
export function writeCustomersScenario(
  dir: string,
  helloMuLaw: string,
  hangupAfterMs: number,
): string {
  const digit = (kind: CustomerKind) => CUSTOMER_KINDS.indexOf(kind)
  const xml = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="campaign customers">
  <recv request="INVITE" rrs="true">
    <action>
      <ereg regexp=".*" search_in="hdr" header="From:" assign_to="remote_from"/>
      <ereg regexp="sip:\\+12125${digit('busy')}" search_in="hdr" header="To:" check_it="false" assign_to="busy"/>
      <ereg regexp="sip:\\+12125${digit('noAnswer')}" search_in="hdr" header="To:" check_it="false" assign_to="noanswer"/>
      <ereg regexp="sip:\\+12125${digit('notFound')}" search_in="hdr" header="To:" check_it="false" assign_to="notfound"/>
    </action>
  </recv>
  <nop test="busy" next="busy"/>
  <nop test="notfound" next="notfound"/>
${sippResponse('180 Ringing')}
  <nop test="noanswer" next="noanswer"/>
${sippResponse('200 OK', SDP)}
  <recv request="ACK"/>
  <nop><action><exec rtp_stream="${helloMuLaw},1,0"/></action></nop>
  <recv request="BYE" timeout="${hangupAfterMs}" ontimeout="hangup"/>
${SIPP_OK_TO_REQUEST}
  <nop next="end"/>
  <label id="hangup"/>
  <send retrans="500">
    <![CDATA[
      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:[local_ip]:[local_port]>;tag=[pid]SIPpTag01[call_number]
      To: [$remote_from]
      [last_Call-ID:]
      CSeq: 1 BYE
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200"/>
  <nop next="end"/>
  <label id="busy"/>
${sippResponse('486 Busy Here')}
  <recv request="ACK"/>
  <nop next="end"/>
  <label id="notfound"/>
${sippResponse('404 Not Found')}
  <recv request="ACK"/>
  <nop next="end"/>
  <label id="noanswer"/>
  <recv request="CANCEL"/>
${SIPP_OK_TO_REQUEST}
  <send>
    <![CDATA[
      SIP/2.0 487 Request Terminated
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      CSeq: [cseq] INVITE
      Content-Length: 0
    ]]>
  </send>
  <recv request="ACK"/>
  <label id="end"/>
</scenario>
`
  const path = join(dir, 'campaign-customers.xml')
  writeFileSync(path, xml)
  return path
}
