import { setupDatabaseTemplate } from './template';

export default setupDatabaseTemplate;
