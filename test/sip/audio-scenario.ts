// Test kit for test/sip/sip-audio.test.ts (issue 14): sipp UAS scenarios written at test time
// around one audio source — a raw G.711 µ-law file sipp streams (`rtp_stream`, payload type 0) or
// a pcap it replays — heard after the answer (200 OK) or as early media (183 with SDP), ending with
// our BYE, the customer's BYE after a pause, or our CANCEL.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface AudioScenario {
  /** `rtp_stream` of a µ-law file, or `play_pcap_audio` of a pcap. */
  audio: { rawMuLaw: string } | { pcap: string }
  /** Where the audio plays: after the answer, or in a 183 before any answer (then we CANCEL). */
  early?: boolean
  /** The customer hangs up this long after the audio starts (else they wait for our BYE). */
  customerByeAfterMs?: number
  /** The raw µ-law file plays again and again until the call ends (else once). */
  loop?: boolean
}

const SDP = `Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=ptime:20`

/** A sipp `<send>` of a response to the last request, with our tag and Contact (sipp scenarios). */
export const sippResponse = (status: string, body = 'Content-Length: 0') => `  <send>
    <![CDATA[
      SIP/2.0 ${status}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
      ${body}
    ]]>
  </send>`

/** A bodyless 200 OK to the last request (BYE, CANCEL, OPTIONS) in a sipp scenario. */
export const SIPP_OK_TO_REQUEST = `  <send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]>
  </send>`

/** Writes the scenario into `dir` as `<name>.xml`; returns its path. */
export function writeAudioScenario(dir: string, name: string, spec: AudioScenario): string {
  const play =
    'rawMuLaw' in spec.audio
      ? `<exec rtp_stream="${spec.audio.rawMuLaw},${spec.loop ? -1 : 1},0"/>`
      : `<exec play_pcap_audio="${spec.audio.pcap}"/>`
  const media = `  <nop><action>${play}</action></nop>`
  const parts = [
    '<?xml version="1.0" encoding="ISO-8859-1" ?>',
    '<!DOCTYPE scenario SYSTEM "sipp.dtd">',
    `<scenario name="${name}">`,
    // sipp refuses a variable set and never used: From is kept only for the customer's BYE.
    spec.customerByeAfterMs === undefined
      ? '  <recv request="INVITE"/>'
      : `  <recv request="INVITE" rrs="true">
    <action><ereg regexp=".*" search_in="hdr" header="From:" assign_to="remote_from"/></action>
  </recv>`,
  ]
  if (spec.early) {
    parts.push(
      sippResponse('183 Session Progress', SDP),
      media,
      '  <recv request="CANCEL"/>',
      SIPP_OK_TO_REQUEST,
      `  <send>
    <![CDATA[
      SIP/2.0 487 Request Terminated
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      CSeq: [cseq] INVITE
      Content-Length: 0
    ]]>
  </send>`,
      '  <recv request="ACK"/>',
    )
  } else {
    parts.push(
      sippResponse('180 Ringing', 'Content-Length: 0'),
      sippResponse('200 OK', SDP),
      '  <recv request="ACK"/>',
      media,
    )
    if (spec.customerByeAfterMs !== undefined)
      parts.push(
        `  <pause milliseconds="${spec.customerByeAfterMs}"/>`,
        `  <send retrans="500">
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
  </send>`,
        '  <recv response="200"/>',
      )
    else parts.push('  <recv request="BYE"/>', SIPP_OK_TO_REQUEST)
  }
  parts.push('</scenario>', '')
  const path = join(dir, `${name}.xml`)
  writeFileSync(path, parts.join('\n'))
  return path
}
