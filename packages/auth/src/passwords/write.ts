import { writeFileSync } from 'node:fs';
import { commonPasswordsModule } from './generate';

writeFileSync(new URL('./common-passwords.ts', import.meta.url), commonPasswordsModule());
