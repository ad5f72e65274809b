import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import type { Language, MessagePayloads, RenderContext, StaffLinkFacts } from '../messages.js';
import { staffStrings } from '../staff-strings.js';
import { brandOf } from './common.js';

/** The console's sign-in page with the link's token (after the #: never in a server's access log). */
export const signInUrl = (link: StaffLinkFacts, ctx: RenderContext) => `${ctx.publicUrl.replace(/\/$/, '')}/admin/#/sign-in?token=${encodeURIComponent(link.token)}`;

function linkBlocks(link: StaffLinkFacts, language: Language, ctx: RenderContext): Block[] {
  const s = staffStrings[language];
  const url = signInUrl(link, ctx);
  return [
    { type: 'button', url, label: s.button },
    { type: 'paragraph', text: `${s.linkLabel}\n${url}` },
  ];
}

/** To a staff member who asked to sign in: the one-time link, valid 15 minutes. */
export function staffSignIn(payload: MessagePayloads['staff_sign_in'], language: Language, ctx: RenderContext): RenderedMessage {
  const s = staffStrings[language];
  const blocks: Block[] = [
    { type: 'paragraph', text: s.greeting(payload.staffName) },
    { type: 'paragraph', text: s.signInIntro(payload.shop.shopName) },
    ...linkBlocks(payload.link, language, ctx),
    { type: 'paragraph', text: s.signInValidity(payload.link.validMinutes) },
    { type: 'paragraph', text: s.notYou },
  ];
  return renderBlocks(s.signInSubject(payload.shop.shopName), brandOf(payload.shop), blocks, `${payload.shop.shopName}\n${s.automatic}`);
}

/** To a new staff member: who invited them, with which role, and a first sign-in link (72 hours). */
export function staffInvitation(payload: MessagePayloads['staff_invitation'], language: Language, ctx: RenderContext): RenderedMessage {
  const s = staffStrings[language];
  const blocks: Block[] = [
    { type: 'paragraph', text: s.greeting(payload.staffName) },
    { type: 'paragraph', text: s.invitationIntro(payload.shop.shopName, s.roles[payload.role], payload.invitedBy) },
    ...linkBlocks(payload.link, language, ctx),
    { type: 'paragraph', text: s.invitationValidity(Math.round(payload.link.validMinutes / 60)) },
    { type: 'paragraph', text: s.notYou },
  ];
  return renderBlocks(s.invitationSubject(payload.shop.shopName), brandOf(payload.shop), blocks, `${payload.shop.shopName}\n${s.automatic}`);
}
