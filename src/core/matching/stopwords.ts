import { eng } from 'stopword';
import { FUNCTION_WORDS } from './lexicon.ts';
import { cleanMessage, words } from './normalise.ts';

// Roman Urdu function words as typed in chat, spelling variants included.
const ROMAN_URDU = `
  ka ki ke ko ne se me mein main mai mn hai hain hei hy he hay tha thi the thay ho hona hoga hogi honge
  gay ye yeh ya yah wo woh vo voh is us un in unko usko isko inko iss uss ab bhi bhe b to tou toh
  aur or par pe per bhai bro yaar kya kia kyun kyon kaise kese kaisay kab jab tab jo jis jin sab sub koi kuch
  kar kr karna karne karke karwa karwane karwaye karega karenge kiya kia diya liya raha rahi rahe rha rhi
  hi na nahi nahin nai nhi mat apna apni apne hum hm tum tm aap ap mera meri mere tera teri hamara humara
  ek aik do dekho dekh dekhen suna suno bas sirf abhi phir fir wala wali wale lo le lay
`;
// Urdu-script function words.
const URDU = `
  کا کی کے کو نے سے میں ہے ہیں تھا تھی تھے ہو ہوگا یہ وہ اس ان اور پر بھی تو کیا کہ کر کیا
  کرنا کرے کریں گیا گئی گئے رہا رہی رہے نہیں نہ ہی سب کوئی کچھ جو جس جب تب اب آپ ہم تم میرا میری میرے
  ایک دو والا والی والے لیے لئے کیوں کیسے
`;

/**
 * Words that carry no meaning for matching: English, Roman Urdu and Urdu script. Kept as the
 * term pipeline sees words, cleaned (Urdu "گئی" is read as "گیی").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...eng,
  ...[ROMAN_URDU, URDU, ...FUNCTION_WORDS].flatMap((list) => words(cleanMessage(list))),
  // Stance words: whether a message believes a claim is the policy's business, not the matcher's.
  // "Fake" is not among them: like "faked", "hoax" and "staged" it is what a claim that something
  // was faked says ("was the moon landing really fake?"), and stance.ts reads it against the claim.
  'real', 'true', 'false', 'sach', 'sachi', 'jhoot', 'asli', 'nakli', 'sahi', 'galat', 'ghalat', 'viral',
  'legit', 'proof', 'confirmed', 'news', 'breaking', 'watch', 'share', 'forward', 'forwarded', 'received',
  'jaali', 'jali', 'saboot', 'suboot', 'sabut',
  'اصلی', 'سچ', 'جھوٹ', 'جعلی', 'غلط', 'صحیح', 'درست', 'واقعی', 'ثبوت',
  'sath', 'saath', 'mil', 'milkar', 'baat', 'keh', 'kehna', 'bol', 'bola', 'sab', 'log', 'logon',
  // Chat filler.
  'lol', 'lmao', 'omg', 'pls', 'plz', 'please', 'guys', 'fr', 'ngl', 'tbh', 'smh', 'wow', 'yes', 'ok', 'okay',
  'anyone', 'anybody', 'someone', 'somebody', 'everyone', 'everybody', 'guys', 'rt', 'via', 'ppl', 'abt', 'bc', 'cuz', 'coz', 'tho', 'idk', 'imo', 'btw', 'rn', 'just', 'really', 'even', 'ever', 'wanna', 'also', 'amp', 'u', 'ur', 'r', 'im', 'its',
]);
