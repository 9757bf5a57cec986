import { words } from './normalise.ts';

// Function words that English uses in nearly every sentence, and Roman Urdu's, which the English
// sentence encoder does not read.
const ENGLISH = new Set(
  'the a an is are was were be been being to of in on at for from by with and or but not no that this these those it its he she they them his her their we you i my our your has have had will would can could should did does do who what which there here than then as if so about into over after before just only also'.split(' '),
);
const ROMAN_URDU = new Set('hai hain ka ki ke ko ne se mein main nahi nahin kya aur tha thi thay ho raha rahi rahe ye yeh woh wo bhi to toh hi kar karo kiya gaya gayi sab ab jo'.split(' '));

/** Whether a cleaned message is written in English (the sentence encoder reads only English). */
export function readsAsEnglish(clean: string): boolean {
  if (/[^\x00-\x7f]/.test(clean) && /[\u0600-\u06ff]/.test(clean)) return false;
  let english = 0;
  let urdu = 0;
  let total = 0;
  for (const word of words(clean)) {
    total++;
    if (ENGLISH.has(word)) english++;
    else if (ROMAN_URDU.has(word)) urdu++;
  }
  return total > 0 && english > urdu && english >= Math.max(1, total * 0.1);
}
