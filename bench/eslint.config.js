import base from '@platform/eslint-config/base';

// Benchmark knobs (BENCH_*) are read straight from the environment: a script, not an app.
export default [...base, { rules: { 'no-restricted-properties': 'off' } }];
