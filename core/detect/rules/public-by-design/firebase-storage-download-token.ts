import { CONFIDENCE } from '../../judge/confidence';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';
import { INFO } from './info';

/**
 * The token of a Cloud Storage for Firebase download URL
 * (`https://firebasestorage.googleapis.com/v0/b/BUCKET/o/OBJECT?alt=media&token=<uuid>`): what
 * `getDownloadURL()` returns, a long-lived URL made to be shared so anyone can fetch that one object
 * ("Download files with Cloud Storage on Web", firebase.google.com/docs/storage/web/download-files;
 * the Admin SDK creates the same "shareable URLs", firebase.google.com/docs/storage/admin/start).
 * Apps embed these links in the content they show every user (an image's URL in a feed), so the
 * token reads one published object and grants nothing else. Only the token of such a URL is taken:
 * the same UUID under a token name anywhere else is judged as any credential.
 */
export const firebaseStorageDownloadToken = rule({
  id: 'public/firebase-storage-download-token',
  title: 'Firebase Storage download-URL token (public by design)',
  hint: 'A download URL is made to be shared; it reads that one object. Revoke the token in the Firebase console only if the object itself is private.',
  anchors: ['firebasestorage.googleapis.com/v0/b/'],
  pattern:
    /firebasestorage\.googleapis\.com\/v0\/b\/[\w.-]{1,222}\/o\/[^?\s"'<>]{1,1024}\?(?:[\w-]{1,40}=[^&\s"'<>]{0,200}&){0,8}token=(?<v>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])/,
  ...INFO,
  confidence: CONFIDENCE.publicByDesign,
});

export const samples: RuleSamples = {
  true: [
    {
      in: '"imageUrl": "https://firebasestorage.googleapis.com/v0/b/demo-app.appspot.com/o/img%2Fic_topic.svg?alt=media&token={value}",',
      shape: '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}',
      path: 'app/src/main/assets/topics.json',
    },
  ],
  false: [
    // Another host's URL with a token parameter is not a Firebase download URL.
    'https://storage.example.com/v0/b/demo/o/a.png?alt=media&token=not-a-uuid',
    'https://firebasestorage.googleapis.com/v0/b/demo-app.appspot.com/o/a.png?alt=media',
  ],
};
