import { AppError, isAppError } from '@platform/errors';

/**
 * Domain packages throw BAD_INPUT without knowing the API's field names; this names the field so
 * the client can show the message beside it.
 */
export async function namingField<T>(field: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.code === 'BAD_INPUT' && error.details?.field === undefined) {
      throw new AppError('BAD_INPUT', error.message, {
        cause: error,
        details: { ...error.details, field },
      });
    }
    throw error;
  }
}
