/**
 * Words that mean the same thing across English, Roman Urdu and Urdu script in this domain's
 * chat, each group folded onto one concept term. A message in any of the three languages then
 * meets a phrasing written in another. Entries are spelled as people type them; the term
 * pipeline folds spelling variants, so one spelling of a Roman Urdu word usually covers the rest.
 */
export const CONCEPTS: Record<string, string[]> = {
  trump: ['trump', 'trumpp', 'donald', 'djt', 'potus', 'ٹرمپ', 'ٹرامپ', 'ڈونلڈ'],
  imran: ['imran', 'imraan', 'ik', 'kaptaan', 'kaptan', 'niazi', 'عمران', 'کپتان', 'نیازی'],
  khan: ['khan', 'khaan', 'خان'],
  pti: ['pti', 'insafian', 'insafians', 'youthia', 'youthiye'],
  release: [
    'release', 'released', 'releasing', 'free', 'freed', 'freeing', 'freedom', 'rihai', 'riha', 'reha', 'rehai',
    'rihayi', 'rehayi', 'azad', 'azaadi', 'azadi', 'رہائی', 'رہا', 'آزاد', 'آزادی', 'bail',
    'chhor', 'chhoro', 'chorr', 'chhordo', 'chhurwa', 'chhurwana', 'chhudwa', 'churwa', 'چھوڑ', 'چھڑوا',
  ],
  prison: ['prison', 'jail', 'jel', 'jailed', 'imprisoned', 'imprisonment', 'incarcerated', 'qaid', 'qaidi', 'adiala', 'جیل', 'قید', 'قیدی', 'اڈیالہ'],
  promise: ['promise', 'promised', 'pledge', 'pledged', 'vow', 'vowed', 'guarantee', 'wada', 'waada', 'vada', 'waade', 'wade', 'waday', 'وعدہ', 'وعدے', 'commitment', 'committed'],
  video: ['video', 'vid', 'vdo', 'videos', 'clip', 'clips', 'footage', 'reel', 'ویڈیو', 'وڈیو', 'کلپ'],
  conspiracy: ['conspiracy', 'conspired', 'conspire', 'conspiring', 'plot', 'plotted', 'orchestrated', 'engineered', 'masterminded', 'organised', 'organized', 'arranged', 'sazish', 'saazish', 'sazishi', 'سازش', 'سازشی', 'cipher', 'cypher', 'سائفر',
    // "Imported hakumat": the government said to be installed from abroad.
    'imported', 'امپورٹڈ'],
  america: [
    'america', 'american', 'usa', 'washington', 'amreeka', 'amrika', 'amerika', 'amreeki', 'amriki', 'amrikan',
    'امریکہ', 'امریکا', 'امریکی', 'واشنگٹن', 'states',
    // Washington, D.C.
    'dc',
  ],
  military: [
    'military', 'army', 'general', 'generals', 'establishment', 'fauj', 'fouj', 'foj', 'faujiyon', 'jarnail', 'jarnel',
    'generalon', 'فوج', 'فوجی', 'جرنیل', 'جرنیلوں', 'اسٹیبلشمنٹ', 'جنرل', 'جنرلز',
    // The army's headquarters, and what chat calls the army by: "Pindi", GHQ.
    'pindi', 'rawalpindi', 'ghq', 'پنڈی', 'راولپنڈی',
  ],
  remove: [
    'remove', 'removed', 'removal', 'oust', 'ousted', 'ouster', 'topple', 'toppled', 'overthrow', 'overthrew',
    'hataya', 'hatana', 'hatane', 'hatwaya', 'hatwana', 'nikala', 'nikalna', 'nikalne', 'nikalwaya', 'giraya', 'girayi', 'girana', 'girane', 'girai', 'girwaya', 'girwana', 'ہٹایا', 'نکالا', 'گرایا', 'گرائی',
  ],
  government: ['government', 'govt', 'govern', 'hukumat', 'hakumat', 'hukoomat', 'حکومت'],
  impeach: ['impeach', 'impeached', 'impeachment', 'mowakhza', 'muwakhza', 'مواخذہ'],
  confidence: ['confidence', 'etemad', 'aitmad', 'itemad', 'اعتماد'],
  intervene: ['intervene', 'intervention', 'interfere', 'interference', 'pressure', 'pressurise', 'pressurize', 'dabao', 'dabaav', 'dabaao', 'mudakhlat', 'دباؤ', 'مداخلت'],
  tweet: ['tweet', 'tweeted', 'tweets', 'ٹویٹ'],
  pakistan: ['pakistan', 'pak', 'pakistani', 'پاکستان', 'پاکستانی'],
  sentence: ['sentence', 'sentenced', 'saza', 'سزا'],
  friend: ['friend', 'friends', 'friendship', 'dost', 'dosti', 'yaar', 'yar', 'bff', 'دوست', 'دوستی'],
  election: ['election', 'elections', 'vote', 'intikhab', 'intikhabat', 'الیکشن', 'انتخاب', 'انتخابات'],
  corruption: ['corruption', 'corrupt', 'karapshan', 'کرپشن', 'بدعنوانی'],
  year: ['year', 'years', 'yr', 'yrs', 'saal', 'sal', 'سال'],
  old: ['old', 'purani', 'purana', 'purane', 'پرانی', 'پرانا'],
  white: ['white', 'وائٹ'],
  house: ['house', 'haus', 'ہاؤس', 'ہاوس'],
  iran: ['iran', 'tehran', 'ایران', 'تہران'],
  biden: ['biden', 'بائیڈن'],
};
