import react from '@platform/eslint-config/react';

export default [...react, { ignores: ['.next/**', 'next-env.d.ts'] }];
