/**
 * The studio's own CIF data name, shared by the reader and the writer. CIF allows unregistered tags and other
 * readers skip them: a generated crystal keeps the space group its tensor predicted when it travels as a file.
 */
export const PREDICTED_SPACE_GROUP_TAG = '_crystens_predicted_space_group_IT_number';
