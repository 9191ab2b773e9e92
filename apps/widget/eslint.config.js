import base from '@platform/eslint-config/base';

export default [...base, { ignores: ['dist/**', 'test-results/**', 'playwright-report/**'] }];
